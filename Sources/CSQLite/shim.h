#ifndef CHATFILES_CSQLITE_SHIM_H
#define CHATFILES_CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
