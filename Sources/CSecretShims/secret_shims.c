#include "CSecretShims.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// libsecret (and GLib with it) is opened on first use, never at start-up: a shell that does not
// touch the keyring loads none of it, a machine without libsecret still runs tokensh (with the
// vault), and building needs no GLib headers. These are the few types of their public, stable
// C ABI (libsecret 0.18+, GLib 2.x) that the calls below pass or read.
typedef int gboolean;
typedef char gchar;
typedef void *gpointer;
typedef const void *gconstpointer;
typedef struct {
    uint32_t domain;
    int code;
    gchar *message;
} GError;
typedef struct GList {
    gpointer data;
    struct GList *next;
    struct GList *prev;
} GList;
typedef struct GHashTable GHashTable;
typedef struct SecretService SecretService;
typedef struct SecretRetrievable SecretRetrievable;
typedef struct GCancellable GCancellable;
typedef void (*GDestroyNotify)(gpointer);
typedef struct {
    const gchar *name;
    int type;
} SecretSchemaAttribute;
typedef struct {
    const gchar *name;
    int flags;
    SecretSchemaAttribute attributes[32];
    int reserved;
    gpointer reserved1, reserved2, reserved3, reserved4, reserved5, reserved6, reserved7;
} SecretSchema;
enum { SECRET_SCHEMA_NONE = 0, SECRET_SCHEMA_ATTRIBUTE_STRING = 0 };
enum { SECRET_SERVICE_NONE = 0 };
enum { SECRET_SEARCH_ALL = 1 << 1 };
#define SECRET_COLLECTION_DEFAULT "default"

static struct {
    void *handle;
    SecretService *(*service_get_sync)(int, GCancellable *, GError **);
    gboolean (*store_sync)(const SecretSchema *, const gchar *, const gchar *, const gchar *, GCancellable *,
                           GError **, ...);
    gchar *(*lookup_sync)(const SecretSchema *, GCancellable *, GError **, ...);
    gboolean (*clear_sync)(const SecretSchema *, GCancellable *, GError **, ...);
    GList *(*search_sync)(const SecretSchema *, int, GCancellable *, GError **, ...);
    GHashTable *(*retrievable_get_attributes)(SecretRetrievable *);
    void (*password_free)(gchar *);
    void (*error_free)(GError *);
    void (*object_unref)(gpointer);
    gpointer (*hash_table_lookup)(GHashTable *, gconstpointer);
    void (*hash_table_unref)(GHashTable *);
    void (*list_free_full)(GList *, GDestroyNotify);
} api;
static const char *load_failure;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

#define BIND(field, symbol)                                                                                            \
    do {                                                                                                               \
        *(void **)(&api.field) = dlsym(api.handle, symbol);                                                            \
        if (api.field == NULL) {                                                                                       \
            load_failure = "this libsecret lacks " symbol;                                                             \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)

static void load(void) {
    api.handle = dlopen("libsecret-1.so.0", RTLD_NOW | RTLD_LOCAL);
    if (api.handle == NULL) {
        load_failure = "libsecret is not installed (Debian: apt install libsecret-1-0)";
        return;
    }
    BIND(service_get_sync, "secret_service_get_sync");
    BIND(store_sync, "secret_password_store_sync");
    BIND(lookup_sync, "secret_password_lookup_sync");
    BIND(clear_sync, "secret_password_clear_sync");
    BIND(search_sync, "secret_password_search_sync");
    BIND(retrievable_get_attributes, "secret_retrievable_get_attributes");
    BIND(password_free, "secret_password_free");
    BIND(error_free, "g_error_free");
    BIND(object_unref, "g_object_unref");
    BIND(hash_table_lookup, "g_hash_table_lookup");
    BIND(hash_table_unref, "g_hash_table_unref");
    BIND(list_free_full, "g_list_free_full");
}

/// 1 when libsecret could be opened, else 0 with *error set.
static int loaded(char **error) {
    pthread_once(&load_once, load);
    if (load_failure == NULL) return 1;
    if (error != NULL) *error = strdup(load_failure);
    return 0;
}

static const SecretSchema *schema(void) {
    static const SecretSchema value = {
        "dev.tokensh.Credential",
        SECRET_SCHEMA_NONE,
        {
            {"registry", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {"kind", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {"name", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {"user", SECRET_SCHEMA_ATTRIBUTE_STRING},
            {NULL, 0},
        },
    };
    return &value;
}

static void take_error(GError *failure, char **error) {
    if (failure == NULL) return;
    if (error != NULL) *error = strdup(failure->message != NULL ? failure->message : "unknown error");
    api.error_free(failure);
}

int tokensh_secret_available(char **error) {
    if (!loaded(error)) return 0;
    GError *failure = NULL;
    SecretService *service = api.service_get_sync(SECRET_SERVICE_NONE, NULL, &failure);
    if (service == NULL) {
        if (failure == NULL && error != NULL) *error = strdup("no Secret Service on the session bus");
        take_error(failure, error);
        return 0;
    }
    api.object_unref(service);
    return 1;
}

int tokensh_secret_store(const char *registry, const char *kind, const char *name, const char *user,
                         const char *label, const char *secret, char **error) {
    if (!loaded(error)) return -1;
    GError *failure = NULL;
    gboolean stored = api.store_sync(schema(), SECRET_COLLECTION_DEFAULT, label, secret, NULL, &failure,
                                                 "registry", registry, "kind", kind, "name", name, "user",
                                                 user != NULL ? user : "", NULL);
    if (!stored) {
        if (failure == NULL && error != NULL) *error = strdup("the Secret Service did not store the item");
        take_error(failure, error);
        return -1;
    }
    return 0;
}

char *tokensh_secret_lookup(const char *registry, const char *kind, const char *name, char **error) {
    if (!loaded(error)) return NULL;
    GError *failure = NULL;
    gchar *found = api.lookup_sync(schema(), NULL, &failure, "registry", registry, "kind", kind, "name",
                                               name, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return NULL;
    }
    if (found == NULL) return NULL;
    char *copy = strdup(found);
    api.password_free(found);
    return copy;
}

void tokensh_secret_free(char *secret) {
    if (secret == NULL) return;
    volatile char *bytes = secret;
    for (size_t index = 0; bytes[index] != 0; index++) bytes[index] = 0;
    free(secret);
}

int tokensh_secret_clear(const char *registry, const char *kind, const char *name, char **error) {
    if (!loaded(error)) return -1;
    GError *failure = NULL;
    gboolean removed = api.clear_sync(schema(), NULL, &failure, "registry", registry, "kind", kind,
                                                  "name", name, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return -1;
    }
    return removed ? 1 : 0;
}

static const char *attribute(GHashTable *attributes, const char *key) {
    const char *value = attributes != NULL ? api.hash_table_lookup(attributes, key) : NULL;
    return value != NULL ? value : "";
}

int tokensh_secret_list(tokensh_secret_item_fn each, void *context, char **error) {
    if (!loaded(error)) return -1;
    GError *failure = NULL;
    GList *items = api.search_sync(schema(), SECRET_SEARCH_ALL, NULL, &failure, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return -1;
    }
    int count = 0;
    for (GList *item = items; item != NULL; item = item->next) {
        // The items are SecretRetrievable objects; the cast macro would call the type function
        // by its linked name.
        GHashTable *attributes = api.retrievable_get_attributes((SecretRetrievable *)item->data);
        each(context, attribute(attributes, "registry"), attribute(attributes, "kind"), attribute(attributes, "name"),
             attribute(attributes, "user"));
        if (attributes != NULL) api.hash_table_unref(attributes);
        count++;
    }
    api.list_free_full(items, api.object_unref);
    return count;
}
