#!/usr/bin/env bash
# Back up Twin City: the PostgreSQL database (pg_dump, custom format) and the uploaded files
# (MEDIA_ROOT: images, documents; PRIVATE_MEDIA_ROOT: CVs) into one dated directory, with a
# manifest of SHA-256 checksums that restore.sh verifies. docs/operations.md: schedule,
# retention, the restore drill.
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=… PRIVATE_MEDIA_ROOT=… deploy/backup.sh /srv/backups
#
# Prints the new directory's path. The database is dumped in one consistent snapshot while the
# site runs; files uploaded during the backup may be missing from it, never half-written in it
# (tar reads each file once).
set -euo pipefail

target_root=${1:?usage: backup.sh BACKUP_ROOT}
: "${DATABASE_URL:?DATABASE_URL must name the database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the public uploads folder}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT must name the private uploads folder}"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
directory="$target_root/twincity-$stamp"
# Not readable by others: the dump and the CVs are personal data.
umask 077
mkdir -p "$directory.partial"

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
  --file="$directory.partial/database.dump"
# -C: paths inside the archives are relative to each folder; a missing folder is an empty one.
for name in media private; do
  folder=$MEDIA_ROOT
  [ "$name" = private ] && folder=$PRIVATE_MEDIA_ROOT
  mkdir -p "$folder"
  tar --create --gzip --file="$directory.partial/$name.tar.gz" -C "$folder" .
done

(cd "$directory.partial" && sha256sum database.dump media.tar.gz private.tar.gz > MANIFEST.sha256)
{
  echo "created_at=$stamp"
  echo "pg_dump=$(pg_dump --version)"
  echo "host=$(hostname)"
} > "$directory.partial/INFO"
# Complete only once renamed: a backup cut short never looks like a good one.
mv "$directory.partial" "$directory"
echo "$directory"
