/** Test helpers for TLS: a throwaway certificate authority and server certificate made with {@code openssl}. */
package io.github.arcticasync.worker.tls;
