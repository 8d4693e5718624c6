package io.github.arcticasync.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.testkit.MongoBackend;
import io.github.arcticasync.testkit.WithMongo;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the golden-vector harness itself, so a passing GoldenReadIT / GoldenWriteIT means something: the loader
 * keeps every BSON type, the comparator finds no difference between the goldens and themselves but does find a
 * changed integer width or a re-pointed reference, Python's segment shas follow the documented rule, and the case d
 * generator rebuilds Python's frame.
 */
@WithMongo(MongoBackend.EMBEDDED)
class GoldenHarnessIT {

    static Stream<String> cases() {
        return GoldenVectors.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenDocumentsLoadedOntoAServerCompareEqualToThemselves(String caseName, MongoClient client) {
        BsonDocument golden = GoldenVectors.goldenDump(caseName);
        GoldenLoader.wipe(client);
        GoldenLoader.load(client, golden);

        Mismatches m = new Mismatches(caseName);
        LayoutComparator comparator = new LayoutComparator(m);
        comparator.compare(golden, client);

        // Hashed indexes may be refused by a server; every other difference would be a harness bug.
        assertThat(m.all()).as(m.report()).allMatch(line -> line.startsWith("indexes of ") && line.contains("hashed"));
        assertThat(comparator.notes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pythonSegmentShasFollowTheDocumentedRule(String caseName) {
        BsonDocument golden = GoldenVectors.goldenDump(caseName);
        BsonDocument db = golden.getDocument("databases").getDocument("arctic_vec");
        String prefix = golden.getString("collection_prefix").getValue();
        int checked = 0;
        for (BsonValue value : db.getDocument(prefix).getArray("documents")) {
            BsonDocument segment = value.asDocument();
            assertThat(LayoutComparator.segmentSha(segment)).as("sha of %s", segment.get("segment"))
                    .isEqualTo(segment.getBinary("sha").getData());
            checked++;
        }
        assertThat(checked).isEqualTo(db.getDocument(prefix).getArray("documents").size());
    }

    @Test
    void comparatorReportsAWidenedIntegerAndARepointedParent(MongoClient client) {
        String caseName = "e_write_append";
        BsonDocument golden = GoldenVectors.goldenDump(caseName);
        GoldenLoader.wipe(client);
        GoldenLoader.load(client, golden);
        MongoCollection<Document> versions = client.getDatabase("arctic_vec").getCollection(caseName + ".versions");
        // 73, not 72: the embedded server treats a $set to a numerically equal value as a no-op.
        versions.updateOne(Filters.eq("version", 2), Updates.set("append_size", new BsonInt64(73)));
        MongoCollection<Document> segments = client.getDatabase("arctic_vec").getCollection(caseName);
        ObjectId v2 = versions.find(Filters.eq("version", 2)).first().getObjectId("_id");
        segments.updateOne(Filters.eq("segment", 7), Updates.set("parent", java.util.List.of(v2)));

        Mismatches m = new Mismatches(caseName);
        new LayoutComparator(m).compare(golden, client);

        assertThat(m.all()).anySatisfy(line -> assertThat(line)
                .contains("symbol=df version=2").contains("append_size").contains("INT32").contains("INT64"));
        assertThat(m.all()).anySatisfy(line -> assertThat(line).contains("segment=7").contains("version(df v2)"));
    }

    @Test
    void caseDGeneratorRebuildsPythonsFrame() {
        Document step = GoldenVectors.input("d_large_multi_segment").getList("steps", Document.class).get(0);
        DataFrame frame = GoldenItems.generated(step.get("generator", Document.class));

        Mismatches m = new Mismatches("d_large_multi_segment generator");
        ExpectedData.compare(m, "generated", step.get("data_digest", Document.class), frame);

        assertThat(m.all()).as(m.report()).isEmpty();
        assertThat(frame.rowCount()).isEqualTo(300_000);
    }

    @Test
    void readComparisonAcceptsTheSameFrameAndReportsAChangedValueAndDtype() {
        Document input = GoldenVectors.input("a_df_float_int").getList("steps", Document.class).get(0);
        Object frame = GoldenItems.item(input.get("data", Document.class));
        Document expected = GoldenVectors.expected("a_df_float_int").get("symbols", Document.class)
                .get("df", Document.class).get("latest", Document.class).get("data", Document.class);

        Mismatches same = new Mismatches("a");
        ExpectedData.compare(same, "data", expected, frame);
        assertThat(same.all()).as(same.report()).isEmpty();

        java.util.List<Document> columns = expected.getList("columns", Document.class);
        columns.get(0).getList("values", Object.class).set(0, 9.0);
        columns.get(1).put("dtype", "int32");
        Mismatches changed = new Mismatches("a");
        ExpectedData.compare(changed, "data", expected, frame);
        assertThat(changed.all()).anySatisfy(line -> assertThat(line).startsWith("data.column(f)").contains("9.0"));
        assertThat(changed.all()).anySatisfy(line -> assertThat(line).startsWith("data.dtype(i)")
                .contains("<i4").contains("<i8"));
    }

    @Test
    void pythonDictReprParsesToTheBsonValueArcticStored() {
        Object parsed = PythonLiteral.parse("{'a': 1, 'b': [1.5, 'two'], 'c': {'nested': True}}");
        Document stored = Document.parse("{\"a\": 1, \"b\": [1.5, \"two\"], \"c\": {\"nested\": true}}");
        assertThat(ExpectedData.normalise(parsed)).isEqualTo(ExpectedData.normalise(stored));
        assertThat(((java.util.Map<?, ?>) parsed).get("a")).isInstanceOf(Integer.class);
    }
}
