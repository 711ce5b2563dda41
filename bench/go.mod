module github.com/tallykit/billing/bench

go 1.25.0

replace github.com/tallykit/billing => ../

require (
	github.com/go-playground/validator/v10 v10.30.4
	github.com/goccy/go-json v0.12.0
	github.com/nyaruka/phonenumbers v1.8.1
	github.com/stretchr/testify v1.12.1
	github.com/tallykit/billing v0.0.0-00010101000000-000000000000
	golang.org/x/text v0.41.0
)

require (
	github.com/gabriel-vasile/mimetype v1.4.15 // indirect
	github.com/go-playground/locales v0.14.1 // indirect
	github.com/go-playground/universal-translator v0.18.1 // indirect
	github.com/leodido/go-urn v1.5.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.55.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
