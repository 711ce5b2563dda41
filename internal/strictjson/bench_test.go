package strictjson

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/tallykit/billing/internal/report"
)

// benchMetadata is a 20-entry metadata object, the largest a customer may hold.
var benchMetadata = func() []byte {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 20; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"order_key_` + strconv.Itoa(i) + `":"value number ` + strconv.Itoa(i) + ` for the order"`)
	}
	b.WriteString("}")
	return []byte(b.String())
}()

// benchCustomer is a customer object of typical size.
var benchCustomer = []byte(`{
  "id": "bcus_H4jp6KnU5cPw263v1jyz4",
  "external_reference": "cust-000123",
  "name": "Thandi Nkosi",
  "email": "thandi@example.co.za",
  "phone": "+27123456789",
  "currency": "ZAR",
  "balance": -2000,
  "payment_rules": {"min_amount": 100, "max_amount": 500000, "underpayment_allowed": true, "overpayment_allowed": false},
  "metadata": {"order_id": "6735", "channel": "web", "segment": "retail"}
}`)

// readerWalk reads every member as a real parser would: strings, integers, bools,
// nested objects; metadata taken raw.
func readerWalk(data []byte) error {
	return Decode(data, report.Loc{}, func(o Object) {
		for o.Next() {
			switch o.Kind() {
			case KindString:
				o.StringBytes()
			case KindNumber:
				o.Int(-MaxSafeInt, MaxSafeInt)
			case KindBool:
				o.Bool()
			case KindObject:
				if string(o.NameBytes()) == "metadata" {
					o.Raw()
					break
				}
				sub, _ := o.Object()
				for sub.Next() {
					switch sub.Kind() {
					case KindNumber:
						sub.Int(-MaxSafeInt, MaxSafeInt)
					case KindBool:
						sub.Bool()
					default:
						sub.StringBytes()
					}
				}
			default:
				o.Skip()
			}
		}
	})
}

// tokenWalk is the alternative DESIGN.md names: encoding/json's token stream, doing only
// what the stream gives (no duplicate detection, no paths, no UTF-8 verdict), so its
// figure is a lower bound for a strict reader built on it.
func tokenWalk(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n, ok := tok.(json.Number); ok {
			if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
				return err
			}
		}
	}
}

func BenchmarkReader(b *testing.B) {
	docs := []struct {
		name string
		data []byte
	}{{"metadata20", benchMetadata}, {"customer", benchCustomer}}
	for _, d := range docs {
		b.Run(d.name+"/strictjson", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				if err := readerWalk(d.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/json.Decoder.Token", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				if err := tokenWalk(d.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/json.Unmarshal-any", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				var v any
				if err := json.Unmarshal(d.data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReaderHostile(b *testing.B) {
	brackets := []byte(strings.Repeat("[", MaxSize))
	var keys strings.Builder
	keys.WriteString("{")
	for i := 0; i < 100000; i++ {
		if i > 0 {
			keys.WriteString(",")
		}
		keys.WriteString(`"` + strconv.Itoa(i) + `":1`)
	}
	keys.WriteString("}")
	manyKeys := []byte(keys.String())
	for _, d := range []struct {
		name string
		data []byte
	}{{"1MiB-brackets", brackets}, {"100000-keys", manyKeys}} {
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.data)))
			for b.Loop() {
				_ = Decode(d.data, report.Loc{}, func(o Object) {
					for o.Next() {
						o.Skip()
					}
				})
			}
		})
	}
}
