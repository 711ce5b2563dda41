-- The reference PostgreSQL schema for billing customers and accounts.
--
-- Each value goes into a column of its own kind and is written and read whole through the
-- library's Value and Scan methods: IDs and references as text, the currency as its
-- three-letter code in char(3), a balance as minor units in bigint (its currency is the
-- row's currency column), metadata and payment rules as jsonb objects. NULL is an absent
-- value: read a nullable column into a sql.Null[T] or a *T. Metadata that is present but
-- empty is '{}', never NULL.

create table customers (
	id                 text primary key,
	external_reference text not null,
	name               text,
	email              text,
	phone              text,
	currency           char(3),
	balance            bigint,
	payment_rules      jsonb,
	metadata           jsonb
);

-- An external reference names one customer: the library checks its shape, the store its uniqueness.
create unique index customers_external_reference on customers (external_reference);

create table accounts (
	id                 text primary key,
	external_reference text not null,
	customer_id        text not null references customers (id),
	name               text,
	currency           char(3),
	balance            bigint,
	payment_rules      jsonb,
	metadata           jsonb
);

create unique index accounts_external_reference on accounts (external_reference);
