package account

import "log/slog"

// LogValue returns the params for log/slog; a new customer is written through
// customer.CreateParams.LogValue, so its email and phone are hidden.
func (p CreateParams) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 7)
	if p.Customer != "" {
		attrs = append(attrs, slog.String("customer", p.Customer))
	}
	if p.NewCustomer != nil {
		attrs = append(attrs, slog.Any("new_customer", p.NewCustomer.LogValue()))
	}
	attrs = append(attrs, slog.String("external_reference", p.ExternalReference))
	if p.Name != nil {
		attrs = append(attrs, slog.String("name", *p.Name))
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
