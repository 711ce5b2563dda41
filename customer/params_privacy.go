package customer

import (
	"log/slog"

	"github.com/tallykit/billing/contact"
)

// LogValue returns the params for log/slog with the email and the phone hidden, so that
// logging what a service is about to validate does not record them: a valid value is
// masked as the request's would be (+27*******89, j***@example.com), anything else is
// written as "***". The other members are written as given.
func (p CreateParams) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs, slog.String("external_reference", p.ExternalReference))
	if p.Name != nil {
		attrs = append(attrs, slog.String("name", *p.Name))
	}
	if p.Email != nil {
		attrs = append(attrs, slog.String("email", maskedEmailInput(*p.Email)))
	}
	if p.Phone != nil {
		attrs = append(attrs, slog.String("phone", maskedPhoneInput(*p.Phone)))
	}
	if p.Currency != nil {
		attrs = append(attrs, slog.String("currency", *p.Currency))
	}
	if p.Balance != nil {
		attrs = append(attrs, slog.Int64("balance", *p.Balance))
	}
	if p.Metadata != nil {
		attrs = append(attrs, slog.Any("metadata", p.Metadata))
	}
	return slog.GroupValue(attrs...)
}

// hidden stands for an input that is not shown at all.
const hidden = "***"

func maskedEmailInput(s string) string {
	if e, err := contact.ParseEmail(s); err == nil {
		return e.Masked()
	}
	return hidden
}

func maskedPhoneInput(s string) string {
	if p, err := contact.ParsePhone(s); err == nil {
		return p.Masked()
	}
	return hidden
}
