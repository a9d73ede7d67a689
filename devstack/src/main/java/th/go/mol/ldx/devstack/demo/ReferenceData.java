package th.go.mol.ldx.devstack.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Official code lists the demo data draws from: provinces, ISIC sections, ISCO major groups, nationalities, names. */
public final class ReferenceData {

    /** A coded entry with its Thai and English name. */
    public record Code(String code, String th, String en) {
    }

    public record Nationality(Code code, int weight, List<String> givenNames, List<String> familyNames) {
    }

    public record ThaiName(String th, String en) {
    }

    private final List<Code> provinces = codes("provinces.csv");
    private final List<Code> isicSections = codes("isic-sections.csv");
    private final List<Code> iscoMajorGroups = codes("isco-major-groups.csv");
    private final List<Nationality> nationalities = readNationalities();
    private final Map<String, List<ThaiName>> thaiNames = read("thai-names.csv").stream()
            .collect(Collectors.groupingBy(r -> r.get("kind") + r.get("sex"),
                    Collectors.mapping(r -> new ThaiName(r.get("th"), r.get("en")), Collectors.toList())));

    public List<Code> provinces() {
        return provinces;
    }

    public List<Code> isicSections() {
        return isicSections;
    }

    public List<Code> iscoMajorGroups() {
        return iscoMajorGroups;
    }

    public List<Nationality> nationalities() {
        return nationalities;
    }

    public List<ThaiName> thaiFirstNames(String sex) {
        return thaiNames.get("first" + sex);
    }

    public List<ThaiName> thaiLastNames() {
        return thaiNames.get("last");
    }

    private static List<Code> codes(String file) {
        return read(file).stream().map(r -> new Code(r.get("code"), r.get("name_th"), r.get("name_en"))).toList();
    }

    private static List<Nationality> readNationalities() {
        Map<String, CSVRecord> names = read("foreign-names.csv").stream()
                .collect(Collectors.toMap(r -> r.get("nationality"), Function.identity()));
        List<Nationality> all = new ArrayList<>();
        for (CSVRecord r : read("nationalities.csv")) {
            CSVRecord n = names.get(r.get("code"));
            all.add(new Nationality(new Code(r.get("code"), r.get("name_th"), r.get("name_en")),
                    Integer.parseInt(r.get("weight")), Arrays.asList(n.get("given").split(";")),
                    Arrays.asList(n.get("family").split(";"))));
        }
        return List.copyOf(all);
    }

    private static List<CSVRecord> read(String file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = new InputStreamReader(ReferenceData.class.getResourceAsStream("/demo/" + file),
                StandardCharsets.UTF_8)) {
            return format.parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /demo/" + file, e);
        }
    }
}
