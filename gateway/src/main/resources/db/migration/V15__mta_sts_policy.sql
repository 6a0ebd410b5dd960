-- MTA-STS policies of the domains we send to (RFC 8461), cached until their max_age so that
-- every node and a restart use them without fetching again; fetched again when the domain's
-- _mta-sts TXT record carries another id.
CREATE TABLE mta_sts_policy (
    domain     VARCHAR(253) NOT NULL PRIMARY KEY,
    policy_id  VARCHAR(32)  NOT NULL,   -- the id of the TXT record the policy was fetched for
    mode       VARCHAR(10)  NOT NULL,   -- enforce, testing, none
    mx         VARCHAR(2000) NOT NULL,  -- the mx patterns, one per line
    max_age    BIGINT       NOT NULL,   -- seconds
    fetched_at BIGINT       NOT NULL,   -- epoch milliseconds
    expires_at BIGINT       NOT NULL
);
