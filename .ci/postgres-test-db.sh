#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432, creates a fresh database for this test run and prints its
# JDBC URL on stdout (everything else goes to stderr).
set -euo pipefail
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ci: starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >&2
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
db="herald_ci_$(date +%s)_$$"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >&2
echo "jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
