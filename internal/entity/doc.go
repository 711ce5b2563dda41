// Package entity holds what the customer and account documents have in common: the
// members name, currency, balance, payment_rules and metadata, read from a strict JSON
// object or set from Go values with the same rules, codes and paths, the cross-field rule
// that balance and payment_rules need a currency, and the JSON encoding of those members.
// It knows nothing of a customer or an account: each entity package passes its own
// [Rules] (the name rule, its metadata limits, whether its document defines payment_rules)
// and handles its own members (id, external_reference, email, phone, customer, …).
//
// # Reading a document
//
// An entity package drives [strictjson.Decode] itself and hands every member it does not
// handle to [Members.Read]; after the loop it records its absent required members, then
// calls [Members.Finish], which adds the currency requirement (SPEC §4: reported on
// currency; the failures of absent members come last in the order of SPEC §2's table, and
// in every document there the required members come before currency):
//
//	m := entity.NewMembers(&rules)
//	err := strictjson.Decode(data, "", func(o strictjson.Object) {
//		for o.Next() {
//			switch string(o.NameBytes()) {
//			case "external_reference":
//				ref, seenRef = entity.Required(o, ids.ParseAccountExternalReference)
//			// … the entity's own members …
//			default:
//				if !m.Read(o) {
//					o.Unknown()
//				}
//			}
//		}
//		if !seenRef {
//			entity.Missing(o, "external_reference", ids.ParseAccountExternalReference)
//		}
//		m.Finish(o)
//	})
//	// err == nil: m.Fields holds the values.
//
// [Optional] and [Required] read a string member through a single-value parser (null is
// absent for the first, required for the second) and put its failure at the member's path;
// [Missing] records an absent required member with that parser's own required failure.
//
// # Building from Go values
//
// The same [Members] checks Go values, with SetName, SetCurrency, SetBalance, SetMetadata
// and FinishSet, in the order of the document's table in SPEC §2 (name before the entity's
// own members that follow it, such as email and phone; then currency, balance, metadata).
// Failures go to a report.List at the same paths as the JSON reader's, and
// [Members.FinishSet] adds the currency requirement last. Metadata failures follow
// [metadata.New]: too_many_keys first, then the entries in sorted key order. Payment rules
// come as a money.PaymentRules, already valid: [Members.SetPaymentRules].
//
// # Values
//
// A valid document's shared members are [Fields], with exported fields for the entity
// packages (an entity keeps them in an unexported field and exposes accessors that forward
// to NameValue, CurrencyValue, BalanceAmount, PaymentRulesValue and MetadataValue, the
// (value, ok) forms). The name is kept as a string: the entity turns it into its own type
// (customer.Name) in its accessor; a package that cannot build that type itself (account)
// returns customer.ParseName of it, which cannot fail and is cheap. Fields.Equal compares two of them, metadata {} and
// absent metadata being different.
//
// # Writing a document
//
// [Fields.AppendName] and [Fields.AppendMoney] append the shared members, each preceded by
// a comma (in every document of SPEC §2 a required member comes first), in the order of
// SPEC §3: name; then currency, balance, payment_rules, metadata (keys sorted). Absent
// members are omitted; metadata given as {} is written as {}. Strings are written by
// [strictjson.AppendString], escaped as encoding/json escapes them (<, > and & too), the
// one JSON string writer of the module, so a document's metadata is the same bytes as
// metadata.Metadata.MarshalJSON writes. For the log form, [Fields.AppendNameLogAttr]
// and [Fields.AppendMoneyLogAttrs] give the same members as slog attributes (none of
// them is masked: the entity masks its own personal members, email and phone).
//
// # Nested customer in an account request
//
// An account create request's customer object can be read with the customer package's
// own ParseCreateRequest on the raw bytes of the member (strictjson.Object.Raw), its
// failures re-homed with o.AddError(o.Path(), err) ("customer.phone", and "customer" for
// a failure of the whole nested document): they keep their own order, in the place of the
// customer member, and the customer's absent members and currency requirement stay inside
// it (customer.external_reference, customer.currency).
package entity
