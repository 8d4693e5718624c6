package io.github.arcticasync.testkit;

import java.util.List;
import java.util.Objects;

/**
 * How {@link RedisServers} starts a {@code redis-server} process: persistence, authentication and extra arguments.
 *
 * @param appendOnly {@code appendonly yes} (with {@code appendfsync always}) so data survives a restart
 * @param password   the {@code requirepass} password of the default user, or null for none
 * @param aclUser    an extra ACL user with every permission, or null for none
 * @param aclPassword the password of {@code aclUser}; required when {@code aclUser} is set
 * @param extraArgs  further {@code redis-server} arguments, appended last; this is also the hook for TLS
 *                   ({@code --tls-port}, {@code --tls-cert-file} ...) until the fixture supports it directly
 */
public record RedisConfig(boolean appendOnly, String password, String aclUser, String aclPassword,
                          List<String> extraArgs) {

    /** A config with no persistence, no password, no ACL user and no extra arguments. */
    public static final RedisConfig DEFAULT = builder().build();

    /** Validates the fields and copies the extra arguments. */
    public RedisConfig {
        Objects.requireNonNull(extraArgs, "extraArgs");
        extraArgs = List.copyOf(extraArgs);
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("password must be null (none) or non-empty");
        }
        if (aclUser != null && (aclUser.isBlank() || aclUser.contains(" "))) {
            throw new IllegalArgumentException("aclUser must be a non-blank name without spaces: '" + aclUser + "'");
        }
        if ((aclUser == null) != (aclPassword == null) || (aclPassword != null && aclPassword.isEmpty())) {
            throw new IllegalArgumentException("aclUser and a non-empty aclPassword go together");
        }
    }

    /** A builder starting from {@link #DEFAULT}'s values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder of {@link RedisConfig}. */
    public static final class Builder {
        private boolean appendOnly;
        private String password;
        private String aclUser;
        private String aclPassword;
        private List<String> extraArgs = List.of();

        private Builder() {
        }

        /** Turns the append-only file on or off. */
        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /** Sets {@code requirepass}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Adds an ACL user with all permissions ({@code on >pass ~* &* +@all}). */
        public Builder aclUser(String user, String password) {
            this.aclUser = user;
            this.aclPassword = password;
            return this;
        }

        /** Further {@code redis-server} arguments, for example the TLS ones. */
        public Builder extraArgs(List<String> extraArgs) {
            this.extraArgs = extraArgs;
            return this;
        }

        /** Builds the config. */
        public RedisConfig build() {
            return new RedisConfig(appendOnly, password, aclUser, aclPassword, extraArgs);
        }
    }
}
