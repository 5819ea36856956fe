/*
 * The gateway's faults: each with a stable code, the shared error it
 * stands for (whose HTTP status, from resp.c's one table, a plain POST's
 * error document carries), whether the client or the server is at fault,
 * and a message in Vietnamese and English; rendered as a SOAP 1.1 Fault
 * (with the <Loi> element in its detail, always 500) or a <Loi> document.
 */
#include "config.h"

#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "resp.h"
#include "xml.h"
#include "exchange.h"

static const struct {
	const char *code;
	enum err err; /* the shared error: its status (resp_status) answers
	               * a plain POST; SOAP faults are always 500 */
	int server; /* soap:Server rather than soap:Client */
	const char *vi;
	const char *en;
} faults[EXF__MAX] = {
	[EXF_NONE] = { "ok", ERR_OK, 0, "", "" },
	[EXF_CLIENT_UNVERIFIED] = { "client_unverified", ERR_FORBIDDEN, 0,
	    "Thiếu chứng thư số của hệ thống gửi yêu cầu, hoặc chứng thư không "
	    "hợp lệ.",
	    "No verified client certificate." },
	[EXF_CLIENT_UNKNOWN] = { "client_unknown", ERR_CLIENT_UNKNOWN, 0,
	    "Hệ thống gửi yêu cầu chưa được đăng ký kết nối.",
	    "The client system is not registered." },
	[EXF_NOT_PERMITTED] = { "not_permitted", ERR_FORBIDDEN, 0,
	    "Hệ thống không được phép dùng dịch vụ này cho mục đích đã khai.",
	    "The client may not use this service for the declared purpose." },
	[EXF_MEDIA_TYPE] = { "unsupported_media_type", ERR_MEDIA_TYPE, 0,
	    "Kiểu nội dung không được hỗ trợ.",
	    "The content type is not supported here." },
	[EXF_SOAP_VERSION] = { "soap_version_mismatch", ERR_BAD_REQUEST, 0,
	    "Điểm kết nối này chỉ nhận SOAP 1.1.",
	    "This endpoint accepts SOAP 1.1 only." },
	[EXF_SOAP_MUST_UNDERSTAND] = { "soap_must_understand", ERR_BAD_REQUEST,
	    0, "Có tiêu đề SOAP bắt buộc mà hệ thống không xử lý được.",
	    "A mandatory SOAP header is not understood." },
	[EXF_SOAP_ENVELOPE] = { "soap_envelope_invalid", ERR_BAD_REQUEST, 0,
	    "Phong bì SOAP không hợp lệ.", "The SOAP envelope is invalid." },
	[EXF_SOAP_ACTION] = { "soap_action_mismatch", ERR_BAD_REQUEST, 0,
	    "SOAPAction không khớp với nội dung yêu cầu.",
	    "SOAPAction does not match the request element." },
	[EXF_XML_DOCTYPE] = { "xml_doctype_forbidden", ERR_BAD_REQUEST, 0,
	    "Không chấp nhận khai báo DOCTYPE.", "DOCTYPE is not allowed." },
	[EXF_XML_MALFORMED] = { "xml_malformed", ERR_BAD_REQUEST, 0,
	    "Tài liệu XML không đúng cú pháp.", "The XML is not well-formed." },
	[EXF_XML_ENCODING] = { "xml_encoding_unsupported", ERR_BAD_REQUEST, 0,
	    "Bảng mã khai báo không được hỗ trợ.",
	    "The declared encoding is not supported." },
	[EXF_XML_INVALID_ENCODING] = { "xml_invalid_encoding", ERR_BAD_REQUEST,
	    0, "Dữ liệu không đúng bảng mã đã khai báo.",
	    "The bytes are not valid in the declared encoding." },
	[EXF_XML_TOO_DEEP] = { "xml_too_deep", ERR_BAD_REQUEST, 0,
	    "Tài liệu XML lồng nhau quá sâu.",
	    "The XML is nested too deeply." },
	[EXF_XML_LIMIT] = { "xml_limit_exceeded", ERR_BAD_REQUEST, 0,
	    "Tài liệu XML vượt giới hạn cho phép (số thuộc tính hoặc khai báo "
	    "không gian tên của một phần tử, độ dài tên, độ dài đoạn văn bản, "
	    "hoặc số phần tử).",
	    "The XML exceeds a structural limit (attributes or namespace "
	    "declarations on one element, name length, text length, or "
	    "element count)." },
	[EXF_XML_EXTERNAL] = { "xml_external_forbidden", ERR_BAD_REQUEST, 0,
	    "Không được tham chiếu tài nguyên bên ngoài.",
	    "External resources are not allowed." },
	[EXF_SCHEMA] = { "schema_invalid", ERR_BAD_REQUEST, 0,
	    "Yêu cầu không đúng lược đồ XML.",
	    "The request is not valid against the schema." },
	[EXF_UNKNOWN_SERVICE] = { "unknown_service", ERR_BAD_REQUEST, 0,
	    "Không có dịch vụ này.", "No such service." },
	[EXF_MESSAGE_ID_REUSED] = { "message_id_reused", ERR_CONFLICT, 0,
	    "Mã yêu cầu đã được dùng cho một yêu cầu khác.",
	    "The message id was already used for a different request." },
	[EXF_BATCH_TOO_LARGE] = { "batch_too_large", ERR_BAD_REQUEST, 0,
	    "Một lô không được quá 10.000 cặp.",
	    "A batch holds at most 10,000 pairs." },
	[EXF_TOO_LARGE] = { "body_too_large", ERR_TOO_LARGE, 0,
	    "Nội dung gửi lên quá lớn.", "The message is too large." },
	[EXF_BAD_REQUEST] = { "bad_request", ERR_BAD_REQUEST, 0,
	    "Yêu cầu không hợp lệ.", "The request is malformed." },
	[EXF_DB_UNAVAILABLE] = { "database_unavailable", ERR_DB_UNAVAILABLE, 1,
	    "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại.",
	    "The database is temporarily unavailable; retry later." },
	[EXF_BUSY] = { "busy", ERR_BUSY, 1,
	    "Hệ thống đang bận, vui lòng thử lại.",
	    "The service is busy; retry shortly." },
	[EXF_TOO_COSTLY] = { "request_too_costly", ERR_BAD_REQUEST, 0,
	    "Yêu cầu cần quá nhiều thời gian xử lý và đã bị dừng.",
	    "The request needed more processing time than allowed, and was "
	    "stopped." },
	[EXF_INTERNAL] = { "internal_error", ERR_INTERNAL, 1, "Lỗi hệ thống.",
	    "Internal error." },
	[EXF_DATE_FUTURE] = { "date_in_future", ERR_BAD_REQUEST, 0,
	    "Ngày kiểm tra không được sau ngày hôm nay.",
	    "The date asked about may not be after today." },
};

const char *
ex_fault_code(enum ex_fault f)
{
	return f >= 0 && f < EXF__MAX ? faults[f].code : "internal_error";
}

enum ex_fault
ex_fault_of(enum err e)
{
	switch (e) {
	case ERR_TOO_LARGE:
		return EXF_TOO_LARGE;
	case ERR_CLIENT_UNKNOWN:
		return EXF_CLIENT_UNKNOWN;
	case ERR_DB_UNAVAILABLE:
		return EXF_DB_UNAVAILABLE;
	case ERR_BUSY:
		return EXF_BUSY;
	case ERR_INTERNAL:
		return EXF_INTERNAL;
	default:
		return EXF_BAD_REQUEST;
	}
}

enum ex_fault
ex_fault_of_xml(enum xml_err e)
{
	switch (e) {
	case XML_ERR_DOCTYPE:
		return EXF_XML_DOCTYPE;
	case XML_ERR_ENCODING:
		return EXF_XML_ENCODING;
	case XML_ERR_UTF8:
		return EXF_XML_INVALID_ENCODING;
	case XML_ERR_DEPTH:
		return EXF_XML_TOO_DEEP;
	case XML_ERR_LIMIT:
		return EXF_XML_LIMIT;
	case XML_ERR_EXTERNAL:
		return EXF_XML_EXTERNAL;
	default:
		return EXF_XML_MALFORMED;
	}
}

void
ex_serialize(struct req *r, xmlDocPtr doc, int status)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	buf_reset(&r->body);
	if (mem != NULL)
		buf_add(&r->body, mem, (size_t)len);
	xmlFree(mem);
	r->status = status;
	r->ctype = "text/xml; charset=utf-8";
}

/* Builds <Loi> (for a plain POST, the whole answer; for SOAP, the detail). */
static xmlNodePtr
loi_node(xmlDocPtr doc, xmlNodePtr parent, enum ex_fault f, const char *msgid)
{
	xmlNodePtr loi;
	xmlNsPtr ns;

	if (parent == NULL) {
		loi = xmlNewDocNode(doc, NULL, BAD_CAST "Loi", NULL);
		xmlDocSetRootElement(doc, loi);
	} else
		loi = xmlNewChild(parent, NULL, BAD_CAST "Loi", NULL);
	ns = xmlNewNs(loi, BAD_CAST EX_NS, NULL);
	xmlSetNs(loi, ns);
	xmlNewTextChild(loi, ns, BAD_CAST "MaLoi", BAD_CAST faults[f].code);
	xmlNewTextChild(loi, ns, BAD_CAST "ThongBaoVi", BAD_CAST faults[f].vi);
	xmlNewTextChild(loi, ns, BAD_CAST "ThongBaoEn", BAD_CAST faults[f].en);
	if (msgid != NULL)
		xmlNewTextChild(loi, ns, BAD_CAST "MaYeuCau", BAD_CAST msgid);
	return loi;
}

xmlNodePtr
ex_soap_body(xmlDocPtr doc)
{
	xmlNodePtr env, body;
	xmlNsPtr ns;

	env = xmlNewDocNode(doc, NULL, BAD_CAST "Envelope", NULL);
	xmlDocSetRootElement(doc, env);
	ns = xmlNewNs(env, BAD_CAST EX_SOAP11_NS, BAD_CAST "soap");
	xmlSetNs(env, ns);
	body = xmlNewChild(env, ns, BAD_CAST "Body", NULL);
	return body;
}

/* Renders fault f as the answer (a SOAP fault or a <Loi> document). */
void
ex_render_fault(struct req *r, int soap, enum ex_fault f, const char *msgid)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (soap) {
		xmlNodePtr body = ex_soap_body(doc), fault, detail, n;
		const char *code = f == EXF_SOAP_VERSION
		    ? "soap:VersionMismatch"
		    : f == EXF_SOAP_MUST_UNDERSTAND ? "soap:MustUnderstand"
		    : faults[f].server              ? "soap:Server"
		                                    : "soap:Client";
		char *text;

		fault = xmlNewChild(body, body->ns, BAD_CAST "Fault", NULL);
		/* faultcode, faultstring and detail are unqualified in SOAP
		 * 1.1 (WS-I BP R1001): xmlNewChild would give them the
		 * parent's namespace, so they are made apart and added */
		xmlAddChild(fault,
		    xmlNewDocRawNode(
		        doc, NULL, BAD_CAST "faultcode", BAD_CAST code));
		text = arena_printf(
		    &r->arena, "%s: %s", faults[f].code, faults[f].en);
		n = xmlNewDocNode(doc, NULL, BAD_CAST "faultstring", NULL);
		xmlAddChild(n, xmlNewDocText(doc, BAD_CAST text));
		xmlAddChild(fault, n);
		detail = xmlAddChild(
		    fault, xmlNewDocNode(doc, NULL, BAD_CAST "detail", NULL));
		loi_node(doc, detail, f, msgid);
		ex_serialize(r, doc, 500);
	} else {
		loi_node(doc, NULL, f, msgid);
		ex_serialize(r, doc, resp_status(faults[f].err));
	}
	if ((faults[f].err == ERR_DB_UNAVAILABLE ||
	        faults[f].err == ERR_BUSY) &&
	    r->retry_after == 0)
		r->retry_after = faults[f].err == ERR_BUSY ? 1 : 5;
	xmlFreeDoc(doc);
}
