package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** The demo datasets: catalog entry, owner department, how many records a demo holds, and their generator. */
public enum DemoDataset {
    SSO_INSURED_PERSONS("sso-insured-persons", "insuredId", "dept-sso", 5_000, DemoData::insuredPerson),
    DOE_JOB_VACANCIES("doe-job-vacancies", "vacancyId", "dept-doe", 2_000, DemoData::jobVacancy),
    DOE_WORK_PERMITS("doe-work-permits", "permitId", "dept-doe", 3_000, DemoData::workPermit);

    private final String id;
    private final String keyField;
    private final String owner;
    private final int demoSize;
    private final BiFunction<DemoData, Integer, ObjectNode> generator;

    DemoDataset(String id, String keyField, String owner, int demoSize,
            BiFunction<DemoData, Integer, ObjectNode> generator) {
        this.id = id;
        this.keyField = keyField;
        this.owner = owner;
        this.demoSize = demoSize;
        this.generator = generator;
    }

    public String id() {
        return id;
    }

    public String keyField() {
        return keyField;
    }

    public String owner() {
        return owner;
    }

    public int demoSize() {
        return demoSize;
    }

    public ObjectNode record(DemoData data, int n) {
        return generator.apply(data, n);
    }

    /** The catalog entry, as the body of {@code PUT /v1/admin/datasets/{id}}. */
    public String definitionJson() {
        try (InputStream in = DemoDataset.class.getResourceAsStream("/demo/datasets/" + id + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
