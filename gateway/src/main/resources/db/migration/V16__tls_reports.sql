-- TLS sessions with the MX hosts of the domains we send to, counted for the daily TLS reports
-- (RFC 8460): one row per UTC day, recipient domain, policy, result and hosts; every node adds to
-- the same rows. The rows of a report are deleted in the transaction that sends it.
CREATE TABLE tls_rpt_session (
    report_day    VARCHAR(10)   NOT NULL,  -- UTC day, yyyy-mm-dd
    domain        VARCHAR(253)  NOT NULL,  -- the recipient domain (policy-domain)
    policy_type   VARCHAR(16)   NOT NULL,  -- sts, tlsa, no-policy-found
    policy_key    VARCHAR(64)   NOT NULL,  -- SHA-256 (hex) of policy_string and mx_patterns
    policy_string VARCHAR(4000) NOT NULL,  -- the policy's lines, one per line
    mx_patterns   VARCHAR(2000) NOT NULL,  -- one per line
    result_type   VARCHAR(40)   NOT NULL,  -- '' for a successful session, else the RFC 8460 result type
    mx_host       VARCHAR(253)  NOT NULL,  -- failures only
    sending_ip    VARCHAR(45)   NOT NULL,
    receiving_ip  VARCHAR(45)   NOT NULL,
    detail        VARCHAR(200)  NOT NULL,  -- additional-information: hosts and errors, never content
    sessions      BIGINT        NOT NULL,
    PRIMARY KEY (report_day, domain, policy_type, policy_key, result_type, mx_host, sending_ip, receiving_ip, detail)
);
CREATE INDEX tls_rpt_session_domain ON tls_rpt_session (domain, report_day);

-- Per recipient domain, where the last report ended (its row is locked while a report is made,
-- so that two nodes never send the same one).
CREATE TABLE tls_rpt_domain (
    domain         VARCHAR(253) NOT NULL PRIMARY KEY,
    reported_until BIGINT       NOT NULL  -- epoch milliseconds
);
