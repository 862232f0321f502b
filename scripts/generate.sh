#!/usr/bin/env bash
# Generates both Prisma clients (SQLite and PostgreSQL) and the Pothos types from the shared models,
# and builds the explorer web app.
set -euo pipefail
cd "$(dirname "$0")/.."
DATABASE_URL=file:./data/ecosystemiser.db npx prisma generate
DATABASE_URL=postgresql://generate@localhost/unused npx prisma generate
# The Results Explorer (web/ → web/dist), served by the service at /: built here so `npm ci`
# leaves a servable app and nothing is fetched at run time.
npx vite build --config web/vite.config.ts --logLevel warn
