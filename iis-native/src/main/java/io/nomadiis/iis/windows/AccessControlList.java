package io.nomadiis.iis.windows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A Windows DACL in its binary form, read and written in plain Java: the parsing half of
 * {@code directory_security}. {@link DirectorySecurity} only fetches and stores the bytes.
 *
 * @param revision the ACL revision (2, or 4 when object ACEs are present)
 * @param entries the access control entries, in order
 */
public record AccessControlList(int revision, List<Ace> entries) {
    /** {@code ACCESS_ALLOWED_ACE_TYPE}. */
    public static final int ALLOWED = 0;
    /** {@code ACCESS_DENIED_ACE_TYPE}. */
    public static final int DENIED = 1;
    /** {@code OBJECT_INHERIT_ACE}. */
    public static final int OBJECT_INHERIT = 0x01;
    /** {@code CONTAINER_INHERIT_ACE}. */
    public static final int CONTAINER_INHERIT = 0x02;
    /** {@code INHERIT_ONLY_ACE}. */
    public static final int INHERIT_ONLY = 0x08;
    /** {@code INHERITED_ACE}. */
    public static final int INHERITED = 0x10;
    /** {@code FILE_ALL_ACCESS}. */
    public static final int FILE_ALL_ACCESS = 0x001F01FF;
    /** {@code FILE_GENERIC_READ}. */
    public static final int FILE_GENERIC_READ = 0x00120089;

    public AccessControlList {
        entries = List.copyOf(entries);
    }

    /**
     * One entry: header type and flags, and the rest of its bytes (for allowed/denied entries the
     * access mask then the SID).
     *
     * @param type the ACE type
     * @param flags the ACE flags
     * @param body the bytes after the 4-byte header
     */
    public record Ace(int type, int flags, byte[] body) {
        /** An allowed or denied entry for a SID. */
        public static Ace of(int type, int flags, int mask, String sid) {
            byte[] sidBytes = Sids.toBytes(sid);
            byte[] body = new byte[4 + sidBytes.length];
            for (int b = 0; b < 4; b++) {
                body[b] = (byte) (mask >>> (8 * b));
            }
            System.arraycopy(sidBytes, 0, body, 4, sidBytes.length);
            return new Ace(type, flags, body);
        }

        /** Whether this is a plain allowed or denied entry (mask + SID). */
        public boolean simple() {
            return type == ALLOWED || type == DENIED;
        }

        /** The access mask of a simple entry. */
        public int mask() {
            return (body[0] & 0xFF) | (body[1] & 0xFF) << 8 | (body[2] & 0xFF) << 16 | (body[3] & 0xFF) << 24;
        }

        /** The SID string of a simple entry. */
        public String sid() {
            return Sids.toString(body, 4);
        }

        /** The same entry with other flags. */
        public Ace withFlags(int newFlags) {
            return new Ace(type, newFlags, body);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ace ace && ace.type == type && ace.flags == flags && Arrays.equals(ace.body, body);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * type + flags) + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return simple()
                    ? (type == ALLOWED ? "allow " : "deny ") + sid() + " mask=0x" + Integer.toHexString(mask())
                            + " flags=0x" + Integer.toHexString(flags)
                    : "ace type " + type;
        }
    }

    /**
     * Parses an ACL.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed ACL
     */
    public static AccessControlList parse(byte[] acl) {
        if (acl.length < 8) {
            throw new IllegalArgumentException("an ACL has at least 8 bytes, got " + acl.length);
        }
        int size = u16(acl, 2);
        int count = u16(acl, 4);
        if (size > acl.length) {
            throw new IllegalArgumentException("ACL size " + size + " exceeds the " + acl.length + " bytes given");
        }
        List<Ace> entries = new ArrayList<>(count);
        int offset = 8;
        for (int i = 0; i < count; i++) {
            int aceSize = u16(acl, offset + 2);
            if (aceSize < 4 || offset + aceSize > size) {
                throw new IllegalArgumentException(
                        "ACE " + i + " at offset " + offset + " has an invalid size " + aceSize);
            }
            entries.add(new Ace(
                    acl[offset] & 0xFF, acl[offset + 1] & 0xFF, Arrays.copyOfRange(acl, offset + 4, offset + aceSize)));
            offset += aceSize;
        }
        return new AccessControlList(acl[0] & 0xFF, entries);
    }

    /** The binary ACL, ready for {@code SetNamedSecurityInfo}. */
    public byte[] encode() {
        ByteArrayOutputStream aces = new ByteArrayOutputStream();
        for (Ace ace : entries) {
            int size = 4 + ace.body().length;
            aces.write(ace.type());
            aces.write(ace.flags());
            aces.write(size & 0xFF);
            aces.write(size >>> 8);
            aces.writeBytes(ace.body());
        }
        int size = 8 + aces.size();
        byte[] header = {
            (byte) revision,
            0,
            (byte) size,
            (byte) (size >>> 8),
            (byte) entries.size(),
            (byte) (entries.size() >>> 8),
            0,
            0
        };
        byte[] result = Arrays.copyOf(header, size);
        System.arraycopy(aces.toByteArray(), 0, result, 8, aces.size());
        return result;
    }

    /**
     * The locked-down list of a folder: every existing entry made explicit (inheritance is switched off,
     * so inherited entries are copied), entries of {@code removedSids} dropped, the grants added
     * (without duplicates), denies first as Windows' canonical order wants.
     *
     * @param grants the allowed entries to add (see {@link #grant})
     */
    public AccessControlList lockDown(Set<String> removedSids, List<Ace> grants) {
        List<Ace> result = new ArrayList<>();
        for (Ace ace : entries) {
            if (ace.simple() && removedSids.contains(ace.sid())) {
                continue;
            }
            Ace explicit = ace.withFlags(ace.flags() & ~INHERITED);
            if (!result.contains(explicit)) {
                result.add(explicit);
            }
        }
        for (Ace grant : grants) {
            if (!result.contains(grant)) {
                result.add(grant);
            }
        }
        result.sort(Comparator.comparingInt(a -> a.type() == DENIED ? 0 : 1));
        return new AccessControlList(Math.max(revision, 2), result);
    }

    /** The allowed entry a planned grant becomes for a resolved SID. */
    public static Ace grant(AclPlan.Rights rights, String sid) {
        return switch (rights) {
            case FULL_CONTROL -> Ace.of(ALLOWED, OBJECT_INHERIT | CONTAINER_INHERIT, FILE_ALL_ACCESS, sid);
            case READ_FILES_ONLY -> Ace.of(ALLOWED, OBJECT_INHERIT | INHERIT_ONLY, FILE_GENERIC_READ, sid);
        };
    }

    private static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }
}
