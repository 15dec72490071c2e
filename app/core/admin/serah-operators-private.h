/* serah-operators-private.h: what serah-operators.c and the other core files that check
 * operators share: the operators' and the audit log's SQL, through their own private
 * headers. */
#pragma once

#include <serah/admin/serah-operators.h>
#include <serah/admin/serah-audit.h>

#include "admin/serah-store-operators-private.h"
#include "admin/serah-store-audit-private.h"
