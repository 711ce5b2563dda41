// Package billingtest is the billing API's contract as a test kit, for the tests of the
// services, front ends and ports that use or mirror this library, as net/http/httptest is
// for HTTP handlers.
//
// It holds three things. The contract documents: [Cases] returns, for each kind of
// document ([Kinds]: the create requests, the objects, the update requests), every
// document of the library's own test data with the failures it must produce (path,
// JSON Pointer and code, in order), and [ApplyCases] the updates applied to stored
// objects. A conformance check: [Check] runs every case through any validator, a
// service's HTTP handler or another language's port, and reports each difference;
// [CheckVerdicts] does so for a validator that only says valid or invalid, such as a
// form. Generators: a [Gen] makes valid values and documents deterministically from a
// seed, across every rule's range (names in many scripts, every currency, balances at
// ±(2^53−1), metadata at its limits, phones from the phone metadata's examples), and
// [Gen.Mutate] breaks a valid document so that it fails with exactly one failure, which
// it returns: a property test or a fuzz target can assert the exact verdict. [AddSeeds]
// gives a fuzz target the contract documents as seeds.
//
// Everything here is for tests. The zero [Gen] is ready to use: it generates what
// NewGen(0) does. The zero [Mutation] cannot be applied. A function given a kind that is
// not one of [Kinds] panics, as a mistake in the test itself; Check and CheckVerdicts fail
// the test instead.
//
//	func TestCreateCustomerHandler(t *testing.T) {
//		srv := httptest.NewServer(newHandler())
//		defer srv.Close()
//		billingtest.Check(t, billingtest.KindCustomerCreate, func(doc []byte) error {
//			return post(srv.URL+"/customers", doc) // a billing.Errors built from the problem details
//		})
//	}
package billingtest
