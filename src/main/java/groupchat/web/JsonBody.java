package groupchat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * A request's JSON object with typed field readers. Every reader fails with a 400 that names the
 * field, so handlers never see a wrong type and never need their own checks.
 */
public final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody of(Context ctx, ObjectMapper mapper) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) return new JsonBody(mapper.createObjectNode());
        return parse(bytes, mapper);
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

    public JsonBody optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isObject()) throw ApiError.badRequest("Field '" + field + "' must be an object");
        return new JsonBody((ObjectNode) value);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }
}
