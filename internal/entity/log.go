package entity

import "log/slog"

// AppendNameLogAttr appends the name as a slog attribute when present. Like every shared
// member, it is not personal data that the library masks; an entity masks its own members
// (email, phone) itself.
func (f *Fields) AppendNameLogAttr(attrs []slog.Attr) []slog.Attr {
	if f.Name != "" {
		attrs = append(attrs, slog.String(FieldName, f.Name))
	}
	return attrs
}

// AppendMoneyLogAttrs appends the members currency, balance (minor units), payment_rules
// (a group) and metadata (a group of its entries, keys sorted) that are present as slog
// attributes, in the order of the encoding.
func (f *Fields) AppendMoneyLogAttrs(attrs []slog.Attr) []slog.Attr {
	if !f.Currency.IsZero() {
		attrs = append(attrs, slog.String(FieldCurrency, f.Currency.Code()))
	}
	if f.HasBalance {
		attrs = append(attrs, slog.Int64(FieldBalance, f.Balance))
	}
	if r := f.PaymentRules; !r.IsZero() {
		attrs = append(attrs, slog.Group(FieldPaymentRules,
			slog.Int64("min_amount", r.MinAmount()),
			slog.Int64("max_amount", r.MaxAmount()),
			slog.Bool("underpayment_allowed", r.UnderpaymentAllowed()),
			slog.Bool("overpayment_allowed", r.OverpaymentAllowed()),
		))
	}
	if f.HasMetadata {
		entries := make([]slog.Attr, 0, f.Metadata.Len())
		for k, v := range f.Metadata.All() {
			entries = append(entries, slog.String(k, v))
		}
		attrs = append(attrs, slog.Attr{Key: FieldMetadata, Value: slog.GroupValue(entries...)})
	}
	return attrs
}
