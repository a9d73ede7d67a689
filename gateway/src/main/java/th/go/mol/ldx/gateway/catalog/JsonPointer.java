package th.go.mol.ldx.gateway.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** JSON pointers (RFC 6901): how errors name a place in a body, and how declarations name a nested member. */
public final class JsonPointer {

    private JsonPointer() {
    }

    /** A member name as a pointer token: {@code ~} and {@code /} escaped. */
    public static String token(String member) {
        return member.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer to the member reached by these names from the document: "" for the document itself. */
    public static String of(Collection<String> names) {
        StringBuilder pointer = new StringBuilder();
        names.forEach(name -> pointer.append('/').append(token(name)));
        return pointer.toString();
    }

    /** The member names a pointer (starting with "/") passes through, unescaped. */
    public static List<String> names(String pointer) {
        List<String> names = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            names.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return List.copyOf(names);
    }
}
