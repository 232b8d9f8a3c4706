package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlListTest {
    /**
     * A folder DACL as Windows returns it: inherited SYSTEM full control, inherited Users read, explicit Administrators
     * full.
     */
    private static final String TYPICAL = "0200" + "4c00" + "0300" + "0000"
            + "00131400" + "ff011f00" + "010100000000000512000000"
            + "00131800" + "a9001200" + "01020000000000052000000021020000"
            + "00031800" + "ff011f00" + "01020000000000052000000020020000";

    @Test
    void sids_roundTripBetweenTextAndBytes() {
        byte[] users = Sids.toBytes(Sids.USERS);
        assertThat(HexFormat.of().formatHex(users)).isEqualTo("01020000000000052000000021020000");
        assertThat(Sids.toString(users, 0)).isEqualTo("S-1-5-32-545");
        assertThat(Sids.length(users, 0)).isEqualTo(16);
        String pool = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415";
        assertThat(Sids.toString(Sids.toBytes(pool), 0)).isEqualTo(pool);
        assertThat(Sids.isSid("IIS AppPool\\web")).isFalse();
        assertThatThrownBy(() -> Sids.toBytes("S-x")).hasMessageContaining("\"S-x\"");
    }

    @Test
    void parse_typicalFolderDacl_readsTypesFlagsMasksAndSids() {
        AccessControlList acl = AccessControlList.parse(HexFormat.of().parseHex(TYPICAL));
        assertThat(acl.revision()).isEqualTo(2);
        assertThat(acl.entries())
                .extracting(AccessControlList.Ace::sid)
                .containsExactly("S-1-5-18", "S-1-5-32-545", "S-1-5-32-544");
        assertThat(acl.entries())
                .extracting(AccessControlList.Ace::mask)
                .containsExactly(
                        AccessControlList.FILE_ALL_ACCESS,
                        0x1200A9 /* read and execute */,
                        AccessControlList.FILE_ALL_ACCESS);
        assertThat(acl.entries().get(0).flags()).isEqualTo(0x13);
        assertThat(acl.encode()).isEqualTo(HexFormat.of().parseHex(TYPICAL));
    }

    @Test
    void parse_truncatedOrInconsistent_isRejected() {
        assertThatThrownBy(() -> AccessControlList.parse(new byte[4])).hasMessageContaining("at least 8 bytes");
        byte[] bytes = HexFormat.of().parseHex(TYPICAL);
        bytes[2] = (byte) 0xFF;
        assertThatThrownBy(() -> AccessControlList.parse(bytes)).hasMessageContaining("exceeds");
    }

    @Test
    void lockDown_removesUsersMakesInheritedExplicitAddsGrantsAndPutsDeniesFirst() {
        AccessControlList acl = AccessControlList.parse(HexFormat.of().parseHex(TYPICAL));
        AccessControlList.Ace deny = AccessControlList.Ace.of(AccessControlList.DENIED, 0, 0x10000, "S-1-5-7");
        AccessControlList withDeny = new AccessControlList(
                2,
                List.of(
                        acl.entries().get(0),
                        acl.entries().get(1),
                        acl.entries().get(2),
                        deny));
        String pool = "S-1-5-82-1-2-3-4-5";

        AccessControlList locked = withDeny.lockDown(
                Set.of(Sids.USERS, Sids.AUTHENTICATED_USERS),
                List.of(
                        AccessControlList.grant(AclPlan.Rights.FULL_CONTROL, pool),
                        AccessControlList.grant(AclPlan.Rights.FULL_CONTROL, pool)));

        assertThat(locked.entries())
                .extracting(AccessControlList.Ace::toString)
                .containsExactly(
                        "deny S-1-5-7 mask=0x10000 flags=0x0",
                        "allow S-1-5-18 mask=0x1f01ff flags=0x3",
                        "allow S-1-5-32-544 mask=0x1f01ff flags=0x3",
                        "allow " + pool + " mask=0x1f01ff flags=0x3");
        assertThat(AccessControlList.parse(locked.encode())).isEqualTo(locked);
    }

    @Test
    void grant_readFilesOnly_isInheritOnlyOnFilesWithGenericRead() {
        AccessControlList.Ace ace = AccessControlList.grant(AclPlan.Rights.READ_FILES_ONLY, "S-1-5-20");
        assertThat(ace.flags()).isEqualTo(AccessControlList.OBJECT_INHERIT | AccessControlList.INHERIT_ONLY);
        assertThat(ace.mask()).isEqualTo(AccessControlList.FILE_GENERIC_READ);
        assertThat(ace.sid()).isEqualTo("S-1-5-20");
    }

    @Test
    void lockDown_keepsUnknownAceTypesAsTheyAre() {
        AccessControlList.Ace objectAce = new AccessControlList.Ace(5, 0x10, new byte[] {1, 2, 3, 4});
        AccessControlList locked = new AccessControlList(4, List.of(objectAce)).lockDown(Set.of(), List.of());
        assertThat(locked.revision()).isEqualTo(4);
        assertThat(locked.entries()).containsExactly(new AccessControlList.Ace(5, 0, new byte[] {1, 2, 3, 4}));
    }
}
