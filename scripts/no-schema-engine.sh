#!/bin/sh
# Prisma's native schema engine cannot be downloaded here; migrations run through `npm run db:migrate`.
echo "The native Prisma schema engine is not used in Rolo: use npm run db:migrate instead." >&2
exit 1
