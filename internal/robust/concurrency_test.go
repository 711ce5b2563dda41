package robust

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/testkit"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// goroutines is how many goroutines share each value.
const goroutines = 16

// together runs fn(i) on n goroutines released at the same moment, and waits for them.
func together(n int, fn func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}

// phoneFacts is what a parsed phone says about itself.
type phoneFacts struct {
	e164, region, masked string
	cc                   int
	typ                  contact.PhoneType
	err                  string
}

func factsOf(s string) phoneFacts {
	p, err := contact.ParsePhone(s)
	if err != nil {
		return phoneFacts{err: err.Error()}
	}
	return phoneFacts{p.E164(), p.Region(), p.String(), p.CountryCode(), p.Type(), ""}
}

// TestConcurrentFirstPhoneUse checks numbers of every calling code from many goroutines at
// once, before anything else in the package has checked a phone: the patterns of a calling
// code and of a region are compiled when a number first needs them, behind a sync.Once,
// and every goroutine must see them whole. It is the first test of the package so that the
// first use is really first (with -count > 1 the later runs find the patterns compiled).
// Each goroutine walks the list from its own starting point, so that for each code several
// goroutines race to be first.
func TestConcurrentFirstPhoneUse(t *testing.T) {
	numbers := validPhones()
	// Shapes that are refused too, and numbers that take the reference path.
	numbers = append(slices.Clone(numbers), "+15555555555", "+4407911123456", "+999123456", "+80012345678", "+2", "+0123")
	got := make([][]phoneFacts, goroutines)
	together(goroutines, func(g int) {
		got[g] = make([]phoneFacts, len(numbers))
		for j := range numbers {
			i := (j + g*len(numbers)/goroutines) % len(numbers)
			got[g][i] = factsOf(numbers[i])
		}
	})
	for i, n := range numbers {
		want := factsOf(n) // now compiled: the sequential answer
		if i < len(validPhones()) {
			assert.Empty(t, want.err, n)
			assert.Equal(t, n, want.e164)
		}
		for g := range goroutines {
			if got[g][i] != want {
				t.Errorf("goroutine %d, %s: %+v, want %+v", g, n, got[g][i], want)
			}
		}
	}
}

// shared builds one value of every type, with every member present.
type shared struct {
	custReq  customer.CreateRequest
	cust     customer.Customer
	accReq   account.CreateRequest
	acc      account.Account
	md       metadata.Metadata
	rules    money.PaymentRules
	balance  money.Amount
	key      ids.APIKey
	phone    contact.Phone
	email    contact.Email
	docs     map[kind][]byte
	mdDoc    []byte
	badDocs  map[kind][]byte
	payments []money.Amount
}

func newShared(t *testing.T) shared {
	t.Helper()
	var s shared
	var err error
	s.docs = map[kind][]byte{
		customerCreate: []byte(`{"external_reference":"cust_7781","name":"Thandi Nkosi","email":"thandi@example.co.za",` +
			`"phone":"+27821234567","currency":"ZAR","balance":-2000,"metadata":{"tier":"gold","channel":"web"}}`),
		customerObject: []byte(`{"id":"` + customerID + `","external_reference":"cust_7781","name":"Thandi Nkosi",` +
			`"email":"thandi@example.co.za","phone":"+27821234567","currency":"ZAR","balance":150000,` +
			`"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false},` +
			`"metadata":{"tier":"gold"}}`),
		accountCreate: []byte(`{"customer":{"external_reference":"cust_7782","email":"sipho@example.com","phone":"+447911123456",` +
			`"metadata":{"a":"b"}},"external_reference":"acct_1","name":"Savings","currency":"GBP","balance":0,"metadata":{"k":"v"}}`),
		accountObject: []byte(`{"id":"` + accountID + `","external_reference":"acct_1","customer_id":"` + customerID + `",` +
			`"name":"Savings","currency":"JPY","balance":5000,` +
			`"payment_rules":{"min_amount":1,"max_amount":9007199254740991,"underpayment_allowed":false,"overpayment_allowed":true},` +
			`"metadata":{"k":"v"}}`),
	}
	s.badDocs = map[kind][]byte{}
	for _, k := range allKinds {
		s.badDocs[k] = []byte(`{"name":"\u202e","email":"x","phone":"+15555555555","currency":"zar","balance":1.5,"metadata":{"":"v"},"x":1}`)
	}
	s.mdDoc = []byte(`{"z":"last","a.b":"dotted","é":"accent","":"empty key"}`)
	s.custReq, err = customer.DecodeCreateRequest(s.docs[customerCreate])
	require.NoError(t, err)
	s.cust, err = customer.Decode(s.docs[customerObject])
	require.NoError(t, err)
	s.accReq, err = account.DecodeCreateRequest(s.docs[accountCreate])
	require.NoError(t, err)
	s.acc, err = account.Decode(s.docs[accountObject])
	require.NoError(t, err)
	s.md, err = metadata.Decode([]byte(`{"z":"last","a.b":"dotted","é":"accent"}`), metadata.CustomerLimits())
	require.NoError(t, err)
	var ok bool
	s.rules, ok = s.cust.PaymentRules()
	require.True(t, ok)
	s.balance, ok = s.cust.Balance()
	require.True(t, ok)
	s.key, err = ids.ParseAPIKey("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
	require.NoError(t, err)
	s.phone, _ = s.cust.Phone()
	s.email, _ = s.cust.Email()
	zar := money.MustParseCurrency("ZAR")
	for _, minor := range []int64{-1, 0, 1, 99, 100, 150000, 150001, 500000, 500001, money.MaxMinorUnits} {
		s.payments = append(s.payments, money.MustNewAmount(minor, zar))
	}
	s.payments = append(s.payments, money.MustNewAmount(100, money.MustParseCurrency("USD")))
	return s
}

// observe calls every read-only method of the shared values and writes what they return,
// so that the output of one goroutine can be compared with the output of another.
func (s shared) observe() string {
	var b strings.Builder
	p := func(args ...any) { fmt.Fprintln(&b, args...) }
	jsonOf := func(v interface{ MarshalJSON() ([]byte, error) }) string {
		out, err := v.MarshalJSON()
		return fmt.Sprint(string(out), err)
	}
	h := slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	j := slog.New(slog.NewJSONHandler(&b, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))

	// Documents: encoding, printing, logging, every accessor.
	p(jsonOf(s.custReq), jsonOf(s.cust), jsonOf(s.accReq), jsonOf(s.acc))
	for _, v := range []any{s.custReq, s.cust, s.accReq, s.acc, s.accReq.Customer(), s.key, s.phone, s.email, s.balance, s.md} {
		fmt.Fprintf(&b, "%v|%+v|%#v|%s|%q|%x\n", v, v, v, v, v, v)
		h.Info("v", "v", v)
		j.Info("v", "v", v)
	}
	for _, c := range []customerFields{s.custReq, s.cust} {
		n, _ := c.Name()
		e, _ := c.Email()
		ph, _ := c.Phone()
		cur, _ := c.Currency()
		bal, _ := c.Balance()
		md, _ := c.Metadata()
		digits, _ := cur.MinorUnits()
		p(c.ExternalReference(), n, e.Address(), e.Local(), e.Domain(), e.Masked(), ph.E164(), ph.Region(), ph.Type(),
			ph.CountryCode(), ph.Masked(), cur.String(), cur.Name(), digits, cur.NumericCode(), bal.Minor(),
			bal.String(), bal.Display(language.MustParse("en-ZA")), bal.IsCredit(), bal.IsOwed(), md.Map())
	}
	r, _ := s.cust.PaymentRules()
	p(s.cust.ID(), r.MinAmount(), r.MaxAmount(), r.UnderpaymentAllowed(), r.OverpaymentAllowed(), s.cust.Equal(s.cust))
	for _, a := range []accountFields{s.accReq, s.acc} {
		n, _ := a.Name()
		cur, _ := a.Currency()
		bal, _ := a.Balance()
		md, _ := a.Metadata()
		p(a.ExternalReference(), n, cur, bal.Minor(), bal.Display(language.German), md.Keys())
	}
	ref := s.accReq.Customer()
	nc, _ := ref.NewCustomer()
	ph, _ := nc.Phone()
	p(ref.Kind(), jsonOf(ref), ph.E164(), ph.Region(), s.acc.ID(), s.acc.CustomerID(), s.accReq.Equal(s.accReq))

	// Metadata.
	for k, v := range s.md.All() {
		p(k, v)
	}
	for _, k := range s.md.Keys() {
		v, ok := s.md.Get(k)
		p(k, v, ok)
	}
	p(s.md.Len(), s.md.Map(), jsonOf(s.md), metadata.AccountLimits().ValidateMetadata(s.md))

	// Money: payment rules, arithmetic.
	zar, _ := s.cust.Currency()
	for _, pay := range s.payments {
		sum, err := pay.Add(s.balance)
		diff, err2 := s.balance.Sub(pay)
		cmp, err3 := pay.Cmp(s.balance)
		p(pay, s.rules.Check(pay, s.balance), s.rules.CheckUntracked(pay, zar), sum, err, diff, err2, cmp, err3, pay.Neg())
	}
	p(s.key.Kind(), s.key.Mode(), s.key.String(), s.key.Equal(s.key))
	return b.String()
}

// TestConcurrentSharedValues shares one value of every type between goroutines, which all
// call every read-only method at the same time; the race detector watches for writes
// (a cache filled on first use, say), and every goroutine must see what one goroutine
// alone sees.
func TestConcurrentSharedValues(t *testing.T) {
	s := newShared(t)
	want := s.observe()
	got := make([]string, goroutines)
	together(goroutines, func(i int) {
		for range 4 {
			got[i] = s.observe()
		}
	})
	for i := range goroutines {
		assert.Equal(t, want, got[i], "goroutine %d", i)
	}
}

// TestConcurrentParsing parses the same byte slices (valid and invalid documents of every
// kind, and a metadata object) from many goroutines at once: the results are the same as
// one goroutine's, and the input is never written (the race detector would see a write;
// the bytes are compared after).
func TestConcurrentParsing(t *testing.T) {
	s := newShared(t)
	type outcome struct{ out, errs string }
	parse := func(k kind, doc []byte) outcome {
		var v interface{ MarshalJSON() ([]byte, error) }
		var err error
		switch k {
		case customerCreate:
			v, err = customer.DecodeCreateRequest(doc)
		case customerObject:
			v, err = customer.Decode(doc)
		case accountCreate:
			v, err = account.DecodeCreateRequest(doc)
		default:
			v, err = account.Decode(doc)
		}
		out, _ := v.MarshalJSON()
		return outcome{string(out), fmt.Sprint(testkit.Failures(err))}
	}
	parseMD := func(doc []byte) outcome {
		md, err := metadata.Decode(doc, metadata.AccountLimits())
		out, _ := md.MarshalJSON()
		return outcome{string(out), fmt.Sprint(testkit.Failures(err))}
	}
	copies := map[string][]byte{}
	want := map[string]outcome{}
	for _, k := range allKinds {
		for _, doc := range []struct {
			name string
			data []byte
		}{{"valid", s.docs[k]}, {"invalid", s.badDocs[k]}} {
			name := k.String() + "/" + doc.name
			copies[name] = bytes.Clone(doc.data)
			want[name] = parse(k, doc.data)
		}
	}
	copies["metadata"] = bytes.Clone(s.mdDoc)
	want["metadata"] = parseMD(s.mdDoc)

	var mu sync.Mutex
	var errs []error
	together(goroutines, func(int) {
		for range 8 {
			for _, k := range allKinds {
				for name, doc := range map[string][]byte{k.String() + "/valid": s.docs[k], k.String() + "/invalid": s.badDocs[k]} {
					if got := parse(k, doc); got != want[name] {
						mu.Lock()
						errs = append(errs, fmt.Errorf("%s: %+v, want %+v", name, got, want[name]))
						mu.Unlock()
					}
				}
			}
			if got := parseMD(s.mdDoc); got != want["metadata"] {
				mu.Lock()
				errs = append(errs, fmt.Errorf("metadata: %+v", got))
				mu.Unlock()
			}
		}
	})
	require.NoError(t, errors.Join(errs...))
	for _, k := range allKinds {
		assert.Equal(t, copies[k.String()+"/valid"], s.docs[k], "input changed")
		assert.Equal(t, copies[k.String()+"/invalid"], s.badDocs[k], "input changed")
		assert.NotEqual(t, "[]", want[k.String()+"/invalid"].errs)
	}
	assert.Equal(t, copies["metadata"], s.mdDoc, "input changed")
}

// TestConcurrentConstruction builds values from the same Go values on many goroutines:
// NewCreateRequest copies the caller's map, and reading it concurrently is safe.
func TestConcurrentConstruction(t *testing.T) {
	md := map[string]string{"a": "1", "b.c": "2"}
	name, email, phone, cur, bal := "Ada", "ada@example.com", "+447911123456", "GBP", int64(-5)
	p := customer.CreateParams{ExternalReference: "c1", Name: &name, Email: &email, Phone: &phone, Currency: &cur, Balance: &bal, Metadata: md}
	ap := account.CreateParams{ExternalReference: "a1", NewCustomer: &p, Metadata: md}
	want, err := customer.NewCreateRequest(p)
	require.NoError(t, err)
	wantAcc, err := account.NewCreateRequest(ap)
	require.NoError(t, err)
	var bad [goroutines]bool
	together(goroutines, func(i int) {
		for range 20 {
			r, err := customer.NewCreateRequest(p)
			a, err2 := account.NewCreateRequest(ap)
			m, err3 := metadata.New(md, metadata.AccountLimits())
			if err != nil || err2 != nil || err3 != nil || !r.Equal(want) || !a.Equal(wantAcc) || m.Len() != 2 {
				bad[i] = true
			}
		}
	})
	assert.Equal(t, [goroutines]bool{}, bad)
	assert.Equal(t, map[string]string{"a": "1", "b.c": "2"}, md, "the caller's map is not changed")
}
