#!/usr/bin/python3
# smtp-sink.py PORT FILE (tests/integration: t-notify, t-browser)
# A real SMTP server (aiosmtpd) that appends each message it accepts to
# a file, one JSON line, decoded; it refuses nobody@ for good.
import asyncio, email, email.header, email.policy, json, signal, sys
from aiosmtpd.controller import Controller

class Sink:
    async def handle_RCPT(self, server, session, envelope, address, opts):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        m = email.message_from_bytes(envelope.content, policy=email.policy.default)
        rec = {"mid": m["Message-ID"], "to": envelope.rcpt_tos,
               "subject": str(m["Subject"]),
               "ctype": m["Content-Type"], "body": m.get_content()}
        with open(sys.argv[2], "a") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return "250 OK"

c = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
signal.sigwait([signal.SIGTERM, signal.SIGINT])
c.stop()
