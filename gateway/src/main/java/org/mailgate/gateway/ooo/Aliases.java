package org.mailgate.gateway.ooo;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Staff addresses and their other addresses ({@code leave.aliases}). Leave is kept under the
 * staff address; mail to any of a person's addresses is mail to them.
 */
final class Aliases {

    private final Map<String, String> staffOf = new HashMap<>();
    private final Map<String, List<String>> aliasesOf;

    Aliases(Map<String, List<String>> aliasesOf) {
        this.aliasesOf = Map.copyOf(aliasesOf);
        aliasesOf.forEach((staff, aliases) -> aliases.forEach(a -> staffOf.put(a, staff)));
    }

    /** The staff address for any of a person's addresses, lower-cased. */
    String staff(String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        return staffOf.getOrDefault(a, a);
    }

    /** The staff address and its aliases. */
    Set<String> addressesOf(String staff) {
        Set<String> all = new LinkedHashSet<>();
        all.add(staff);
        all.addAll(aliasesOf.getOrDefault(staff, List.of()));
        return all;
    }
}
