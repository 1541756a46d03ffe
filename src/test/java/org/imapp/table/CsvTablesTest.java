package org.imapp.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTablesTest {

	@Test
	void aByteOrderMarkIsNotPartOfTheFirstColumnName(@TempDir Path tmp) throws IOException {
		Path f = tmp.resolve("t.csv");
		Files.write(f, "\uFEFFisic_id,\"note\"\nISIC_0000001,\"two\nlines\"\n".getBytes(StandardCharsets.UTF_8));
		Table t = CsvTables.read(f);
		assertEquals(List.of("isic_id", "note"), t.columns());
		// A quoted line break is a legal field here (free-text columns of the image metadata).
		assertEquals("two\nlines", t.getString(0, 1));
	}

	@Test
	void everyRowWithTheWrongNumberOfFieldsIsListedByLine(@TempDir Path tmp) throws IOException {
		Path f = tmp.resolve("t.csv");
		Files.writeString(f, "a,b,c\n1,2,3\n1,2\n1,2,3\n1,2,3,4\n\"x\ny\",2,3\n1\n");
		IOException e = assertThrows(IOException.class, () -> CsvTables.read(f));
		assertEquals(f + ": 3 malformed lines: line 3: expected 3 fields, found 2; line 5: expected 3 fields, found 4; line 8: expected 3 fields, found 1",
			e.getMessage());
		StringBuilder many = new StringBuilder("a,b\n");
		for (int i = 0; i < 25; i++) many.append("1\n");
		Files.writeString(f, many);
		e = assertThrows(IOException.class, () -> CsvTables.read(f));
		assertEquals(true, e.getMessage().startsWith(f + ": 25 malformed lines: line 2: expected 2 fields, found 1; "), e.getMessage());
		assertEquals(true, e.getMessage().endsWith("line 21: expected 2 fields, found 1; and 5 more"), e.getMessage());
	}

	@Test
	void aQuoteNeverClosedIsNamedWithItsLine(@TempDir Path tmp) throws IOException {
		Path f = tmp.resolve("t.csv");
		Files.writeString(f, "a,b\n1,2\n3,\"4\n5,6\n");
		IOException e = assertThrows(IOException.class, () -> CsvTables.read(f));
		assertEquals(true, e.getMessage().startsWith(f + ": line 3: malformed CSV from here on ("), e.getMessage());
		assertEquals(true, e.getMessage().endsWith("; a quoted field is never closed?)"), e.getMessage());
	}
}
