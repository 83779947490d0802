package groupchat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A request's JSON object with typed field readers. Every reader fails with a 400 that names the
 * field, so handlers never see a wrong type and never need their own checks.
 */
public final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * The request's JSON object (an empty body is {@code {}}). A field not in {@code known} is 400
     * naming it: a misspelt optional field must not be silently ignored.
     */
    public static JsonBody of(Context ctx, ObjectMapper mapper, String... known) {
        byte[] bytes = ctx.bodyAsBytes();
        JsonBody body = bytes.length == 0 ? new JsonBody(mapper.createObjectNode()) : parse(bytes, mapper);
        body.allowOnly("", known);
        return body;
    }

    public static JsonBody parse(byte[] bytes, ObjectMapper mapper) {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("Body could not be read");
        }
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) return new JsonBody(mapper.createObjectNode());
        if (!parsed.isObject()) throw ApiError.badRequest("Body must be a JSON object");
        return new JsonBody((ObjectNode) parsed);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) throw ApiError.badRequest("Field '" + field + "' is required");
        return value;
    }

    public String optionalString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw ApiError.badRequest("Field '" + field + "' must be a string");
        return value.textValue();
    }

    public Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isBoolean()) throw ApiError.badRequest("Field '" + field + "' must be true or false");
        return value.booleanValue();
    }

    public Integer optionalInt(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.badRequest("Field '" + field + "' must be a whole number");
        }
        return value.intValue();
    }

    /** A nested object, whose own fields must be among {@code known}. */
    public JsonBody optionalObject(String field, String... known) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isObject()) throw ApiError.badRequest("Field '" + field + "' must be an object");
        JsonBody nested = new JsonBody((ObjectNode) value);
        nested.allowOnly(field + ".", known);
        return nested;
    }

    /** True when the field is present, even as an explicit null (which may mean "reset"). */
    public boolean present(String field) {
        return node.has(field);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    private void allowOnly(String prefix, String[] known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Arrays.asList(known).contains(name)) {
                throw ApiError.badRequest("Field '" + prefix + name + "' is not known here"
                        + (known.length == 0 ? ": send no fields" : "; known fields: " + String.join(", ", known)));
            }
        }
    }
}
