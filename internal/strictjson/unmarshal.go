package strictjson

// IsNull reports whether data is the JSON literal null, with or without white space
// around it.
func IsNull(data []byte) bool {
	i, j := 0, len(data)
	for i < j && isSpace(data[i]) {
		i++
	}
	for j > i && isSpace(data[j-1]) {
		j--
	}
	return string(data[i:j]) == "null"
}

// Unmarshal is the body of an UnmarshalJSON method whose value parse reads: JSON null
// leaves *v unchanged, as encoding/json expects of a value that may be absent; otherwise
// *v is set to what parse reads from data, and on failure left unchanged and parse's
// error returned.
func Unmarshal[T any](v *T, data []byte, parse func([]byte) (T, error)) error {
	if IsNull(data) {
		return nil
	}
	x, err := parse(data)
	if err != nil {
		return err
	}
	*v = x
	return nil
}
