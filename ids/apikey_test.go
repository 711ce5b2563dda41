package ids_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// A long key whose secret part is easy to look for in printed output.
const (
	longRest   = "SeCrEtPaRtOfTheKey0123456789wxyz"
	longSecret = "sk_test_" + longRest
)

func TestParseAPIKey(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		code   billing.Code
		kind   ids.APIKeyKind
		mode   ids.APIKeyMode
		masked string
	}{
		{"secret test", longSecret, "", ids.KindSecret, ids.ModeTest, "sk_test_…wxyz"},
		{"public test", "pk_test_" + longRest, "", ids.KindPublic, ids.ModeTest, "pk_test_…wxyz"},
		{"secret live", "sk_" + longRest, "", ids.KindSecret, ids.ModeLive, "sk_…wxyz"},
		{"public live", "pk_" + longRest, "", ids.KindPublic, ids.ModeLive, "pk_…wxyz"},
		{"sk_test without underscore is live", "sk_testABC", "", ids.KindSecret, ids.ModeLive, "sk_…"},
		{"one character", "sk_x", "", ids.KindSecret, ids.ModeLive, "sk_…"},
		{"four characters", "pk_test_abcd", "", ids.KindPublic, ids.ModeTest, "pk_test_…"},
		{"fifteen characters", "sk_" + strings.Repeat("a", 14) + "b", "", ids.KindSecret, ids.ModeLive, "sk_…"},
		{"sixteen characters", "sk_" + strings.Repeat("a", 12) + "bcde", "", ids.KindSecret, ids.ModeLive, "sk_…bcde"},
		{"255 characters", "sk_" + strings.Repeat("Z", 252), "", ids.KindSecret, ids.ModeLive, "sk_…ZZZZ"},
		{"empty", "", billing.CodeRequired, 0, 0, ""},
		{"256 characters", "sk_" + strings.Repeat("Z", 253), billing.CodeTooLong, 0, 0, ""},
		{"too long beats bad characters", strings.Repeat("!", 256), billing.CodeTooLong, 0, 0, ""},
		{"megabyte", "sk_" + megabyte, billing.CodeTooLong, 0, 0, ""},
		{"test prefix alone", "sk_test_", billing.CodeInvalidFormat, 0, 0, ""},
		{"live prefix alone", "pk_", billing.CodeInvalidFormat, 0, 0, ""},
		{"no prefix", "abcdef", billing.CodeInvalidFormat, 0, 0, ""},
		{"rk prefix", "rk_live_abcdef", billing.CodeInvalidFormat, 0, 0, ""},
		{"upper-case prefix", "SK_abcdef", billing.CodeInvalidFormat, 0, 0, ""},
		{"live_ is not a prefix", "sk_live_abcdef", billing.CodeInvalidFormat, 0, 0, ""},
		{"underscore after test prefix", "sk_test_ab_cd", billing.CodeInvalidFormat, 0, 0, ""},
		{"dash", "pk_ab-cd", billing.CodeInvalidFormat, 0, 0, ""},
		{"space", "sk_test_ab cd", billing.CodeInvalidFormat, 0, 0, ""},
		{"NUL", "sk_" + withNUL, billing.CodeInvalidFormat, 0, 0, ""},
		{"invalid UTF-8", "sk_" + invalidUTF8, billing.CodeInvalidFormat, 0, 0, ""},
		{"lone surrogate", "sk_" + loneSurrogate, billing.CodeInvalidFormat, 0, 0, ""},
		{"masked form", "sk_test_…wxyz", billing.CodeInvalidFormat, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ids.ParseAPIKey(tt.in)
			if tt.code != "" {
				fe := requireFailure(t, err, "api_key", tt.code)
				assert.True(t, k.IsZero())
				assert.Equal(t, "", k.Reveal())
				if rest := tt.in[min(len(tt.in), 3):]; len(rest) >= 4 {
					assert.NotContains(t, fe.Error(), rest, "an error must not contain the key")
				}
				return
			}
			require.NoError(t, err)
			assert.False(t, k.IsZero())
			assert.Equal(t, tt.in, k.Reveal())
			assert.Equal(t, tt.kind, k.Kind())
			assert.Equal(t, tt.mode, k.Mode())
			assert.Equal(t, tt.masked, k.String())
		})
	}
}

func TestAPIKeyErrorsNeverContainTheKey(t *testing.T) {
	for _, in := range []string{
		"sk_test_" + longRest + "!", "sk_" + longRest + " ", longRest, "xk_" + longRest,
		"sk_test_" + strings.Repeat(longRest, 10), "sk_test_" + longRest + "\x00",
	} {
		_, err := ids.ParseAPIKey(in)
		require.Error(t, err)
		msg := err.Error()
		assert.NotContains(t, msg, longRest[:8])
		assert.NotContains(t, msg, longRest[len(longRest)-8:])
		assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), longRest[:8])
	}
}

func TestAPIKeyEnums(t *testing.T) {
	assert.Equal(t, "secret", ids.KindSecret.String())
	assert.Equal(t, "public", ids.KindPublic.String())
	assert.Equal(t, "unknown", ids.APIKeyKind(0).String())
	assert.Equal(t, "test", ids.ModeTest.String())
	assert.Equal(t, "live", ids.ModeLive.String())
	assert.Equal(t, "unknown", ids.APIKeyMode(9).String())
}

func TestZeroAPIKey(t *testing.T) {
	var k ids.APIKey
	assert.True(t, k.IsZero())
	assert.Equal(t, "", k.String())
	assert.Equal(t, "", k.Reveal())
	assert.Equal(t, ids.APIKeyKind(0), k.Kind())
	assert.Equal(t, ids.APIKeyMode(0), k.Mode())
	assert.Equal(t, "", fmt.Sprint(k))
	assert.True(t, k.Equal(ids.APIKey{}))
}

// TestAPIKeyIsNeverEncoded: every encoder refuses every key, the zero one included, with
// ErrAPIKeyNotEncoded, and writes nothing.
func TestAPIKeyIsNeverEncoded(t *testing.T) {
	k, err := ids.ParseAPIKey(longSecret)
	require.NoError(t, err)
	for name, key := range map[string]ids.APIKey{"key": k, "zero": {}} {
		encoders := []struct {
			name   string
			encode func() ([]byte, error)
			want   []byte
		}{
			{"MarshalText", key.MarshalText, nil},
			{"AppendText", func() ([]byte, error) { return key.AppendText([]byte("kept")) }, []byte("kept")},
			{"MarshalJSON", key.MarshalJSON, nil},
			{"json.Marshal", func() ([]byte, error) { return json.Marshal(key) }, nil},
			{"json.Marshal pointer", func() ([]byte, error) { return json.Marshal(&key) }, nil},
			{"json.Marshal struct", func() ([]byte, error) { return json.Marshal(config{"shop", key}) }, nil},
		}
		for _, e := range encoders {
			t.Run(name+"/"+e.name, func(t *testing.T) {
				out, err := e.encode()
				require.ErrorIs(t, err, ids.ErrAPIKeyNotEncoded)
				assert.Equal(t, e.want, out)
				assert.Contains(t, err.Error(), "Reveal()")
				assert.NotContains(t, err.Error(), longRest[len(longRest)-4:])
			})
		}
	}

	// Leaving the member out is how a struct that holds a key is marshalled.
	type safe struct {
		Name string
		Key  ids.APIKey `json:"-"`
	}
	out, err := json.Marshal(safe{"shop", k})
	require.NoError(t, err)
	assert.Equal(t, `{"Name":"shop"}`, string(out))
}

func TestAPIKeyEqual(t *testing.T) {
	a, err := ids.ParseAPIKey(longSecret)
	require.NoError(t, err)
	b, err := ids.ParseAPIKey(strings.Clone(longSecret))
	require.NoError(t, err)
	c, err := ids.ParseAPIKey("sk_test_" + strings.ToLower(longRest))
	require.NoError(t, err)
	assert.True(t, a.Equal(b))
	assert.False(t, a.Equal(c))
	assert.False(t, a.Equal(ids.APIKey{}))
}

type config struct {
	Name string
	Key  ids.APIKey
}

type hidden struct {
	name string
	key  ids.APIKey
}

// TestAPIKeyNeverPrinted tries every way a key usually ends up in a log.
func TestAPIKeyNeverPrinted(t *testing.T) {
	k, err := ids.ParseAPIKey(longSecret)
	require.NoError(t, err)
	const masked = "sk_test_…wxyz"

	outputs := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%#q", "%+q", "%x", "%X", "% x", "%d", "%10s", "%-40v", "%.3s", "%T", "%p"} {
		outputs[verb] = fmt.Sprintf(verb, k)
		outputs[verb+" pointer"] = fmt.Sprintf(verb, &k)
		outputs[verb+" struct"] = fmt.Sprintf(verb, config{"shop", k})
		outputs[verb+" unexported field"] = fmt.Sprintf(verb, hidden{"shop", k})
		outputs[verb+" slice"] = fmt.Sprintf(verb, []ids.APIKey{k})
		outputs[verb+" map"] = fmt.Sprintf(verb, map[string]ids.APIKey{"k": k})
		outputs[verb+" any"] = fmt.Sprintf(verb, any(k))
	}
	outputs["Sprint"] = fmt.Sprint(k, &k)
	outputs["Sprintln"] = fmt.Sprintln(k, &k)
	outputs["String"] = k.String()
	outputs["error wrap"] = fmt.Errorf("key %v refused: %w", k, errors.New("boom")).Error()

	_, err = json.Marshal(config{"shop", k})
	outputs["json error"] = err.Error()

	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "key", k, "ptr", &k, "cfg", config{"shop", k})
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("call", "key", k, slog.Any("any", k), "cfg", config{"shop", k})
	outputs["slog"] = buf.String()

	for name, out := range outputs {
		assert.NotContains(t, out, longRest[:8], name)
		assert.NotContains(t, out, longRest[4:12], name)
		assert.NotContains(t, out, longRest[len(longRest)-9:], name)
	}
	assert.Equal(t, masked, outputs["%v"])
	assert.Equal(t, masked, outputs["%+v"])
	assert.Equal(t, masked, outputs["%s"])
	assert.Equal(t, `"`+masked+`"`, outputs["%q"])
	assert.Equal(t, `ids.APIKey{masked:"`+masked+`"}`, outputs["%#v"])
	assert.Equal(t, fmt.Sprintf("%-40s", masked), outputs["%-40v"])
	assert.Equal(t, "{shop "+masked+"}", outputs["%v struct"])
	assert.Contains(t, outputs["slog"], "key="+masked)
	assert.Contains(t, outputs["slog"], `"key":"`+masked+`"`)
	assert.Equal(t, masked, k.LogValue().String())
	assert.Equal(t, slog.KindString, k.LogValue().Kind())
}

func TestAPIKeyShortRestNeverRevealed(t *testing.T) {
	// Whatever its length, the masked form shows at most four characters of the part after
	// the prefix, and none at all unless twelve stay hidden.
	for n := 1; n <= 40; n++ {
		rest := strings.Repeat("Q", n-1) + "R"
		k, err := ids.ParseAPIKey("pk_test_" + rest)
		require.NoError(t, err)
		shown := strings.TrimPrefix(k.String(), "pk_test_…")
		assert.LessOrEqual(t, len(shown), 4, n)
		if n < 16 {
			assert.Empty(t, shown, n)
		} else {
			assert.Equal(t, rest[n-4:], shown)
			assert.GreaterOrEqual(t, n-len(shown), 12)
		}
	}
}

func TestAPIKeyUnmarshalReadsRealKeys(t *testing.T) {
	var cfg config
	require.NoError(t, json.Unmarshal([]byte(`{"Name":"shop","Key":"`+longSecret+`"}`), &cfg))
	assert.Equal(t, longSecret, cfg.Key.Reveal())
	assert.Equal(t, ids.KindSecret, cfg.Key.Kind())

	// The masked form never reads back as a key.
	var again config
	err := json.Unmarshal([]byte(`{"Name":"shop","Key":"`+cfg.Key.String()+`"}`), &again)
	requireFailure(t, err, "api_key", billing.CodeInvalidFormat)

	var k ids.APIKey
	require.NoError(t, k.UnmarshalText([]byte("pk_"+longRest)))
	assert.Equal(t, ids.KindPublic, k.Kind())
	requireFailure(t, k.UnmarshalText([]byte("")), "api_key", billing.CodeRequired)
	assert.Equal(t, "pk_"+longRest, k.Reveal(), "a failed UnmarshalText leaves the key as it was")
	require.NoError(t, k.UnmarshalJSON([]byte("null")))
	assert.Equal(t, "pk_"+longRest, k.Reveal(), "null leaves the key as it was")
	requireFailure(t, k.UnmarshalJSON([]byte(`""`)), "api_key", billing.CodeRequired)
	requireFailure(t, k.UnmarshalJSON([]byte("42")), "api_key", billing.CodeInvalidType)
}
