#include "CSecretShims.h"

#include <libsecret/secret.h>
#include <stdlib.h>
#include <string.h>

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
    g_error_free(failure);
}

int tokensh_secret_available(char **error) {
    GError *failure = NULL;
    SecretService *service = secret_service_get_sync(SECRET_SERVICE_NONE, NULL, &failure);
    if (service == NULL) {
        if (failure == NULL && error != NULL) *error = strdup("no Secret Service on the session bus");
        take_error(failure, error);
        return 0;
    }
    g_object_unref(service);
    return 1;
}

int tokensh_secret_store(const char *registry, const char *kind, const char *name, const char *user,
                         const char *label, const char *secret, char **error) {
    GError *failure = NULL;
    gboolean stored = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label, secret, NULL, &failure,
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
    GError *failure = NULL;
    gchar *found = secret_password_lookup_sync(schema(), NULL, &failure, "registry", registry, "kind", kind, "name",
                                               name, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return NULL;
    }
    if (found == NULL) return NULL;
    char *copy = strdup(found);
    secret_password_free(found);
    return copy;
}

void tokensh_secret_free(char *secret) {
    if (secret == NULL) return;
    volatile char *bytes = secret;
    for (size_t index = 0; bytes[index] != 0; index++) bytes[index] = 0;
    free(secret);
}

int tokensh_secret_clear(const char *registry, const char *kind, const char *name, char **error) {
    GError *failure = NULL;
    gboolean removed = secret_password_clear_sync(schema(), NULL, &failure, "registry", registry, "kind", kind,
                                                  "name", name, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return -1;
    }
    return removed ? 1 : 0;
}

static const char *attribute(GHashTable *attributes, const char *key) {
    const char *value = attributes != NULL ? g_hash_table_lookup(attributes, key) : NULL;
    return value != NULL ? value : "";
}

int tokensh_secret_list(tokensh_secret_item_fn each, void *context, char **error) {
    GError *failure = NULL;
    GList *items = secret_password_search_sync(schema(), SECRET_SEARCH_ALL, NULL, &failure, NULL);
    if (failure != NULL) {
        take_error(failure, error);
        return -1;
    }
    int count = 0;
    for (GList *item = items; item != NULL; item = item->next) {
        GHashTable *attributes = secret_retrievable_get_attributes(SECRET_RETRIEVABLE(item->data));
        each(context, attribute(attributes, "registry"), attribute(attributes, "kind"), attribute(attributes, "name"),
             attribute(attributes, "user"));
        if (attributes != NULL) g_hash_table_unref(attributes);
        count++;
    }
    g_list_free_full(items, g_object_unref);
    return count;
}
