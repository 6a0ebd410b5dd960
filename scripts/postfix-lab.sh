#!/bin/bash
# A private Postfix instance for interop tests and benchmarks (needs root and Debian's postfix).
#
#   scripts/postfix-lab.sh start DIR LISTEN_PORT NEXT_HOP_PORT   relay everything to [127.0.0.1]:NEXT_HOP_PORT
#   scripts/postfix-lab.sh stop DIR
#   scripts/postfix-lab.sh log DIR
#
# DIR holds the instance (etc/, spool/, data/, maillog). Postfix only accepts a non-default
# configuration directory listed in /etc/postfix/main.cf, so this adds DIR/etc there.
set -eu

cmd=${1:?usage: postfix-lab.sh start|stop|log DIR ...}
dir=${2:?DIR missing}
dir=$(realpath -m "$dir")

case "$cmd" in
start)
    listen=${3:?LISTEN_PORT missing}
    next=${4:?NEXT_HOP_PORT missing}
    [ "$(id -u)" = 0 ] || { echo "postfix-lab: must run as root" >&2; exit 1; }
    command -v postfix >/dev/null || { echo "postfix-lab: install Debian's postfix" >&2; exit 1; }
    rm -rf "$dir"
    mkdir -p "$dir/etc" "$dir/spool" "$dir/data"
    chown postfix "$dir/data"
    touch /etc/postfix/main.cf
    if ! grep -q "^alternate_config_directories" /etc/postfix/main.cf; then
        printf 'compatibility_level = 3.6\nalternate_config_directories =\n' >> /etc/postfix/main.cf
    fi
    if ! grep "^alternate_config_directories" /etc/postfix/main.cf | grep -q " $dir/etc\( \|$\)"; then
        sed -i "s|^alternate_config_directories =.*|& $dir/etc|" /etc/postfix/main.cf
    fi
    cat > "$dir/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/spool
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.lab
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$next
smtp_tls_security_level = may
smtpd_tls_security_level = none
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
alias_maps =
local_recipient_maps =
maillog_file_prefixes = $dir
maillog_file = $dir/maillog
default_process_limit = 100
smtp_destination_concurrency_limit = 50
default_destination_concurrency_limit = 50
CONF
    sed -e "s/^smtp      inet  n       -       y       -       -       smtpd/127.0.0.1:$listen inet n - n - - smtpd/" \
        -e 's/^\([a-z]* *unix *[-n] *[-n] *\)y/\1n/' /etc/postfix/master.cf > "$dir/etc/master.cf"
    if ! postfix -c "$dir/etc" start; then
        echo "postfix-lab: postfix did not start (is every folder above $dir readable by the postfix user?)" >&2
        tail -5 "$dir/maillog" >&2 2>/dev/null || true
        exit 1
    fi
    i=0
    until (echo > /dev/tcp/127.0.0.1/"$listen") 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "postfix-lab: port $listen did not open" >&2; exit 1; }
        sleep 0.1
    done
    ;;
stop)
    postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
    ;;
log)
    cat "$dir/maillog"
    ;;
*)
    echo "usage: postfix-lab.sh start|stop|log DIR ..." >&2; exit 2
    ;;
esac
