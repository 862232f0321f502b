#!/usr/bin/env bash
# Generates both Prisma clients (SQLite and PostgreSQL) and the Pothos types from the shared models.
set -euo pipefail
cd "$(dirname "$0")/.."
DATABASE_URL=file:./data/ecosystemiser.db npx prisma generate
DATABASE_URL=postgresql://generate@localhost/unused npx prisma generate
