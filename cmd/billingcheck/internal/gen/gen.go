// Package gen writes files of realistic customer create requests, as JSON Lines or as
// CSV with a header, for the tests and benchmarks of billingcheck's bulk mode: names in
// several scripts, addresses, canonical phone numbers of a dozen countries, currencies,
// balances and a little metadata, and a small share of records with one defect each, as
// an export from another system has.
//
// The same seed gives the same records, in either form: record i of the JSON Lines file
// and data row i of the CSV file are the same request.
package gen

import (
	"bufio"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/nyaruka/phonenumbers"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/internal/strictjson"
)

// Options say how much to write.
type Options struct {
	Records int     // write this many records; 0: see Bytes
	Bytes   int64   // with Records 0, write records until the file holds at least this many bytes
	Seed    uint64  // the same seed gives the same records
	Invalid float64 // the share of records with a defect, from 0 to 1; negative: none
}

// DefaultInvalid is the share of records with a defect when Options.Invalid is 0.
const DefaultInvalid = 0.02

// CSVHeader is the header row that [WriteCSV] writes.
var CSVHeader = []string{"external_reference", "name", "email", "phone", "currency", "balance",
	"metadata.crm_id", "metadata.segment", "metadata.source"}

// Customer is one generated request, as the cells of its CSV row: an empty string is an
// absent member.
type Customer struct {
	Ref, Name, Email, Phone, Currency, Balance string
	CRMID, Segment, Source                     string
	// rawBalance is set when Balance is not an integer, so that JSON writes it as a string.
	rawBalance bool
}

// WriteLines writes records as JSON Lines, one customer create request a line.
func WriteLines(w io.Writer, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	var written int64
	g := newGenerator(o)
	for i := 0; o.more(i, written); i++ {
		line = g.next(i).AppendJSON(line[:0])
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
		written += int64(len(line))
	}
	return bw.Flush()
}

// WriteCSV writes records as CSV with the header [CSVHeader].
func WriteCSV(w io.Writer, o Options) error {
	cw := &countingWriter{w: w}
	c := csv.NewWriter(cw)
	if err := c.Write(CSVHeader); err != nil {
		return err
	}
	g := newGenerator(o)
	row := make([]string, len(CSVHeader))
	for i := 0; o.more(i, cw.n); i++ {
		r := g.next(i)
		row[0], row[1], row[2], row[3], row[4], row[5] = r.Ref, r.Name, r.Email, r.Phone, r.Currency, r.Balance
		row[6], row[7], row[8] = r.CRMID, r.Segment, r.Source
		if err := c.Write(row); err != nil {
			return err
		}
		if i%256 == 255 {
			c.Flush()
		}
	}
	c.Flush()
	return c.Error()
}

// Customers returns n records, the first n that WriteLines and WriteCSV write with o.
func Customers(n int, o Options) []Customer {
	g := newGenerator(o)
	out := make([]Customer, n)
	for i := range out {
		out[i] = g.next(i)
	}
	return out
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (o Options) more(i int, written int64) bool {
	if o.Records > 0 {
		return i < o.Records
	}
	return written < o.Bytes
}

// AppendJSON appends the record as a JSON document on one line, members in the order of
// the request's table, absent members left out.
func (c Customer) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	member := func(name, value string, raw bool) {
		if value == "" {
			return
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = strictjson.AppendString(b, name)
		b = append(b, ':')
		if raw {
			b = append(b, value...)
		} else {
			b = strictjson.AppendString(b, value)
		}
	}
	member("external_reference", c.Ref, false)
	member("name", c.Name, false)
	member("email", c.Email, false)
	member("phone", c.Phone, false)
	member("currency", c.Currency, false)
	member("balance", c.Balance, !c.rawBalance)
	if c.CRMID != "" || c.Segment != "" || c.Source != "" {
		if !first {
			b = append(b, ',')
		}
		b = append(b, `"metadata":{`...)
		first = true
		member("crm_id", c.CRMID, false)
		member("segment", c.Segment, false)
		member("source", c.Source, false)
		b = append(b, '}')
	}
	return append(b, '}')
}

type generator struct {
	rng     *rand.Rand
	invalid float64
	phones  []string
}

func newGenerator(o Options) *generator {
	inv := o.Invalid
	if inv == 0 {
		inv = DefaultInvalid
	}
	return &generator{rng: rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15)), invalid: inv, phones: phonePool()}
}

// Given names and family names, each with the ASCII form an address is made of.
var (
	givenNames = [][2]string{
		{"Thandiwe", "thandiwe"}, {"Sipho", "sipho"}, {"José", "jose"}, {"Zoë", "zoe"}, {"Łukasz", "lukasz"},
		{"Amara", "amara"}, {"Chidi", "chidi"}, {"Wanjiru", "wanjiru"}, {"Priya", "priya"}, {"Mateus", "mateus"},
		{"Hiroshi", "hiroshi"}, {"Olivia", "olivia"}, {"Liam", "liam"}, {"Noah", "noah"}, {"Emma", "emma"},
		{"François", "francois"}, {"Søren", "soren"}, {"Aoife", "aoife"}, {"Mei", "mei"}, {"Anaïs", "anais"},
	}
	familyNames = [][2]string{
		{"Nkosi", "nkosi"}, {"Dlamini", "dlamini"}, {"Álvarez", "alvarez"}, {"Müller", "mueller"}, {"Wójcik", "wojcik"},
		{"Okafor", "okafor"}, {"Kamau", "kamau"}, {"Sharma", "sharma"}, {"Silva", "silva"}, {"Tanaka", "tanaka"},
		{"O'Brien", "obrien"}, {"Smith", "smith"}, {"van der Merwe", "vandermerwe"}, {"Dubois", "dubois"},
		{"Jensen", "jensen"}, {"Ní Bhriain", "nibhriain"}, {"Chen", "chen"}, {"García", "garcia"},
	}
	// wholeNames are written as they are: scripts without spaces between the names.
	wholeNames = []string{"山田太郎", "김민준", "王芳", "Ἀλέξανδρος Παππᾶς", "Иван Петров", "محمد علي"}
	domains    = []string{"example.com", "example.co.za", "mail.example.org", "example.ng", "example.de", "example.co.uk"}
	currencies = []string{"ZAR", "ZAR", "ZAR", "USD", "USD", "EUR", "GBP", "KES", "NGN", "JPY", "BWP", "INR"}
	segments   = []string{"retail", "smb", "enterprise", "wholesale"}
	sources    = []string{"import-2019", "web", "branch", "partner"}
	regions    = []string{"ZA", "GB", "US", "DE", "FR", "NG", "KE", "IN", "BR", "JP", "AU", "NL"}
)

var (
	phonesOnce sync.Once
	phones     []string
)

// phonePool returns a few hundred phone numbers that the library accepts: example numbers
// of a dozen regions with their last three digits varied.
func phonePool() []string {
	phonesOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, region := range regions {
			for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.MOBILE, phonenumbers.FIXED_LINE} {
				ex := phonenumbers.GetExampleNumberForType(region, typ)
				if ex == nil {
					continue
				}
				base := phonenumbers.Format(ex, phonenumbers.E164)
				for range 40 {
					n := []byte(base)
					for j := len(n) - 3; j < len(n); j++ {
						n[j] = byte('0' + rng.IntN(10))
					}
					if _, err := contact.ParsePhone(string(n)); err == nil {
						phones = append(phones, string(n))
					}
				}
			}
		}
	})
	return phones
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// next returns record i.
func (g *generator) next(i int) Customer {
	r := g.rng
	c := Customer{Ref: "cus_" + strconv.Itoa(100000+i)}
	switch p := r.IntN(100); {
	case p < 8:
		c.Name = g.pick(wholeNames)
	case p < 95:
		given, family := givenNames[r.IntN(len(givenNames))], familyNames[r.IntN(len(familyNames))]
		c.Name = given[0] + " " + family[0]
		if r.IntN(10) < 9 {
			c.Email = given[1] + "." + family[1] + strconv.Itoa(r.IntN(100)) + "@" + g.pick(domains)
		}
	}
	if r.IntN(10) < 8 {
		c.Phone = g.pick(g.phones)
	}
	if r.IntN(10) < 7 {
		c.Currency = g.pick(currencies)
		if r.IntN(10) < 8 {
			c.Balance = strconv.Itoa(r.IntN(2_000_000) - 500_000)
		}
	}
	if r.IntN(10) < 6 {
		c.CRMID = "crm-" + strconv.Itoa(r.IntN(10_000_000))
		if r.IntN(2) == 0 {
			c.Segment = g.pick(segments)
		}
		if r.IntN(4) == 0 {
			c.Source = g.pick(sources)
		}
	}
	if g.invalid > 0 && r.Float64() < g.invalid {
		g.defect(&c)
	}
	return c
}

// defect gives c one of the mistakes an export from another system has.
func (g *generator) defect(c *Customer) {
	switch g.rng.IntN(7) {
	case 0:
		c.Phone = "+4407911123456" // valid, but not canonical
	case 1:
		c.Currency = "zar"
	case 2:
		c.Currency, c.Balance = "", "2500"
	case 3:
		c.Ref = "cus " + c.Ref[4:]
	case 4:
		c.Email = "someone@"
	case 5:
		c.Balance, c.rawBalance, c.Currency = "12.50", true, "ZAR"
	case 6:
		c.Phone = "+15555555555"
	}
}
