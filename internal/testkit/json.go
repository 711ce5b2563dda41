package testkit

// Members returns a JSON object of n members "key(i)":value, value a JSON value as it is
// written (`"v"`, `1`, `{}`). Names are written between quotes as they are, unescaped.
func Members(n int, key func(i int) string, value string) []byte {
	b := []byte{'{'}
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, key(i)...)
		b = append(b, '"', ':')
		b = append(b, value...)
	}
	return append(b, '}')
}

// MembersUpTo returns a JSON object of members "key(i)":value written as [Members] writes
// them, as many as fit in size bytes.
func MembersUpTo(size int, key func(i int) string, value string) []byte {
	b := []byte{'{'}
	for i := 0; ; i++ {
		m := `"` + key(i) + `":` + value
		if len(b)+len(m)+2 > size {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, m...)
	}
	return append(b, '}')
}

// key3Alphabet is the ASCII letters and digits.
const key3Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Key3 returns a distinct three-character name for each i below 62³ (238 328), of ASCII
// letters and digits: "000", "001", …. Every rule of a metadata key accepts it, and it
// needs no escape in a JSON string nor in a JSON Pointer.
func Key3(i int) string {
	const n = len(key3Alphabet)
	return string([]byte{key3Alphabet[i/(n*n)%n], key3Alphabet[i/n%n], key3Alphabet[i%n]})
}
