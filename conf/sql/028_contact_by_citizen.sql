-- 028: citizens choose how they are told (issue "Notifications").  The
-- signed-on citizen sets their own e-mail address, phone number and
-- channel on the tracking module's contact page; tracking.fcgi writes
-- only the row of the citizen the web server's sign-on names
-- (modules/tracking/contact.c).  No other module writes contacts.
GRANT INSERT, UPDATE ON citizen_contact TO motcua_tracking_role;
