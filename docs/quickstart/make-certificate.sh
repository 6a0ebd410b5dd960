#!/bin/bash
# Makes a test S/MIME certificate for gp@surgery.example that `gateway.jar certs import` accepts
# and encrypts for: the address in subjectAltName (and the subject's E=), key usage
# keyEncipherment (RSA key transport), extended key usage emailProtection. The private key
# (gp-surgery.key) is what the recipient would keep, to read what the gateway encrypts:
#   openssl cms -decrypt -in encrypted.eml -recip gp-surgery.pem -inkey gp-surgery.key
# A real partner's certificate comes from their CA or from a signed message of theirs.
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout gp-surgery.key -out gp-surgery.pem \
    -subj "/C=GB/O=Example Surgery/CN=Dr A Patel/emailAddress=gp@surgery.example" \
    -addext "subjectAltName=email:gp@surgery.example" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=emailProtection" \
    -addext "basicConstraints=critical,CA:FALSE"
echo "wrote gp-surgery.pem (import it) and gp-surgery.key (the recipient's, for decrypting)"
