package entity

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/money"
)

// Restore checks v, an object d put together from stored values that are each valid on
// their own (columns read with Scan), against the rules across members that its JSON
// reader applies: the required members present, a balance within ±(2^53−1), a currency
// for a balance or payment rules, the metadata within the entity's limits. Each value
// keeps the reading of its own column: a phone by its shape, a currency perhaps withdrawn.
// The failures are in the order of the table, the currency's last; on failure v is set to
// the zero Values.
func Restore(d Doc, v *Values) error {
	var l report.List
	for i := range members {
		m := &members[i]
		if m.required&d != 0 && !m.has(v) {
			code, msg := m.requiredError()
			l.Add(report.At(m.name), code, msg)
		}
	}
	if v.HasBalance && (v.Balance < -money.MaxMinorUnits || v.Balance > money.MaxMinorUnits) {
		l.Add(report.At("balance"), billing.CodeOutOfRange, msgBalanceRange)
	}
	if v.HasMeta {
		l.AddUnder(report.Loc{}, d.Limits().ValidateMetadata(v.Metadata))
	}
	if (v.HasBalance || !v.Rules.IsZero()) && v.Currency.IsZero() {
		l.Add(report.At(fieldCurrency), billing.CodeRequired, msgCurrencyNeeded)
	}
	err := l.Err()
	if err != nil {
		*v = Values{}
	}
	return err
}
