#ifndef TOKENSH_SECRET_SHIMS_H
#define TOKENSH_SECRET_SHIMS_H

// tokensh's items in the Secret Service (libsecret), with plain C types so that Swift does not
// import GLib. Every item has the attributes registry, kind, name and user under the schema
// "dev.tokensh.Credential". Errors come back as a malloc'd message the caller frees.

/// 1 when a Secret Service answers on the session bus, else 0 with *error set.
int tokensh_secret_available(char **error);

/// Stores (or replaces) one item; 0 on success, -1 with *error set.
int tokensh_secret_store(const char *registry, const char *kind, const char *name, const char *user,
                         const char *label, const char *secret, char **error);

/// The item's secret as a malloc'd string (free it with tokensh_secret_free), NULL when there is
/// none (then *error is NULL) or on an error (*error set).
char *tokensh_secret_lookup(const char *registry, const char *kind, const char *name, char **error);

/// Overwrites and frees a secret returned by tokensh_secret_lookup.
void tokensh_secret_free(char *secret);

/// Removes the item: 1 removed, 0 there was none, -1 with *error set.
int tokensh_secret_clear(const char *registry, const char *kind, const char *name, char **error);

typedef void (*tokensh_secret_item_fn)(void *context, const char *registry, const char *kind,
                                       const char *name, const char *user);

/// Calls `each` for every tokensh item (locked ones too: attributes are not secret);
/// the number of items, or -1 with *error set.
int tokensh_secret_list(tokensh_secret_item_fn each, void *context, char **error);

#endif
