#ifndef CHATFILES_CCRYPTO_SHIM_H
#define CHATFILES_CCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
