package billing

import "strconv"

// Problem is a document's failures as an RFC 9457 problem details object, the billing
// API's own error format (media type application/problem+json):
//
//	{"type":"about:blank","title":"Unprocessable Content","status":422,
//	 "detail":"the document has 1 invalid member",
//	 "errors":[{"pointer":"/phone","field":"phone","code":"invalid_phone","detail":"phone: …"}]}
//
// Build one with [Errors.Problem]; a service may then set Type (a URI naming its problem
// kinds) and Title before it writes the JSON. Nothing in it shows personal data or a
// secret: every detail is built from the library's messages, which never do.
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Detail string         `json:"detail"`
	Errors []ProblemEntry `json:"errors"`
}

// ProblemEntry is one failure in a [Problem]: the RFC 6901 pointer and the dot path of
// the member, its code, and a detail that reads on its own (it names the member).
type ProblemEntry struct {
	Pointer string `json:"pointer"`
	Field   string `json:"field"`
	Code    Code   `json:"code"`
	Detail  string `json:"detail"`
}

// The statuses of a [Problem].
const (
	StatusBadRequest          = 400 // the document is unreadable: not JSON, not an object
	StatusConflict            = 409 // a failure is a conflict with the stored data
	StatusContentTooLarge     = 413 // the document is over 1 MiB
	StatusUnprocessableEntity = 422 // members fail their rules
)

// Problem returns es as a problem details object. Its status is 413 when the document is
// over 1 MiB (too_long of the whole document), 400 when it is otherwise unreadable (a
// failure of the whole document: not well-formed JSON, not an object), 409 when any
// failure is a conflict (even beside others), and 422 otherwise. Type is "about:blank"
// and Title the status's reason phrase, as RFC 9457 advises for about:blank.
func (es Errors) Problem() Problem {
	p := Problem{Type: "about:blank", Status: StatusUnprocessableEntity, Errors: make([]ProblemEntry, len(es))}
	for i, e := range es {
		p.Errors[i] = ProblemEntry{Pointer: e.Pointer, Field: e.Field, Code: e.Code, Detail: e.detail()}
		switch {
		case e.Pointer == "" && e.Code == CodeTooLong:
			p.Status = StatusContentTooLarge
		case e.Pointer == "" && p.Status != StatusContentTooLarge:
			p.Status = StatusBadRequest
		case e.Code == CodeConflict && p.Status == StatusUnprocessableEntity:
			p.Status = StatusConflict
		}
	}
	p.Title = reasonPhrase(p.Status)
	switch {
	case p.Status == StatusContentTooLarge:
		p.Detail = "the document is larger than 1 MiB"
	case p.Status == StatusBadRequest:
		p.Detail = "the document cannot be read: it must be one JSON object"
	case len(es) == 1:
		p.Detail = "the document has 1 invalid member"
	default:
		p.Detail = "the document has " + strconv.Itoa(len(es)) + " invalid members"
	}
	return p
}

// detail returns e's message as a sentence that names its member.
func (e *FieldError) detail() string {
	if e.Field == "" {
		return "the document: " + e.Message
	}
	return e.Field + ": " + e.Message
}

// reasonPhrase returns the reason phrase of a status a Problem takes (RFC 9110).
func reasonPhrase(status int) string {
	switch status {
	case StatusBadRequest:
		return "Bad Request"
	case StatusConflict:
		return "Conflict"
	case StatusContentTooLarge:
		return "Content Too Large"
	default:
		return "Unprocessable Content"
	}
}
