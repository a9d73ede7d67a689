package th.go.mol.ldx.security;

import java.util.Set;

/**
 * The official code lists that labour records use, checked without a framework so that every path (the ingest API,
 * the connectors) applies the same rules: the 77 province codes of the Department of Provincial Administration,
 * the 21 sections of ISIC Rev. 4 (Thailand's TSIC uses the same sections) and the groups of ISCO-08.
 */
public final class OfficialCodes {

    /** The first two digits of a DOPA geocode: Bangkok (10) and the 76 provinces, Bueng Kan (38) the newest. */
    private static final Set<String> PROVINCES = Set.of(
            "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27",
            "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
            "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
            "67", "70", "71", "72", "73", "74", "75", "76", "77", "80", "81", "82", "83", "84", "85", "86", "90", "91",
            "92", "93", "94", "95", "96");

    /** The 43 sub-major groups of ISCO-08; every minor and unit group starts with one of them. */
    private static final Set<String> ISCO_SUB_MAJOR_GROUPS = Set.of(
            "01", "02", "03", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26", "31", "32", "33", "34", "35",
            "41", "42", "43", "44", "51", "52", "53", "54", "61", "62", "63", "71", "72", "73", "74", "75", "81", "82",
            "83", "91", "92", "93", "94", "95", "96");

    private OfficialCodes() {
    }

    public static int provinceCount() {
        return PROVINCES.size();
    }

    /** A province code: two digits, one of the 77. */
    public static boolean isProvinceCode(String text) {
        return text != null && PROVINCES.contains(text);
    }

    /** An ISIC Rev. 4 section: one capital letter from A to U. */
    public static boolean isIsicSection(String text) {
        return text != null && text.length() == 1 && text.charAt(0) >= 'A' && text.charAt(0) <= 'U';
    }

    /**
     * An ISCO-08 group at any level: a major group (one digit, 0 to 9), or a sub-major, minor or unit group (two to
     * four digits) within one of the 43 sub-major groups. Minor and unit groups are checked by their sub-major
     * group only; a made-up unit group within a real sub-major group passes.
     */
    public static boolean isIscoGroup(String text) {
        if (text == null || text.isEmpty() || text.length() > 4) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return text.length() == 1 || ISCO_SUB_MAJOR_GROUPS.contains(text.substring(0, 2));
    }
}
