package groupchat.ai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The tools offered to the model when search is configured: their definitions and execution. */
public final class AiTools {
    /** Longest tool result given back to the model, in characters. */
    static final int MAX_RESULT_CHARS = 20_000;

    public record Outcome(boolean ok, String content) {}

    private final WebSearch search;
    private final PageFetcher pages;
    private final ObjectMapper json;

    /** {@code search} null means SEARCH_PROVIDER is off: no tools are offered. */
    public AiTools(WebSearch search, PageFetcher pages, ObjectMapper json) {
        this.search = search;
        this.pages = pages;
        this.json = json;
    }

    public boolean available() {
        return search != null;
    }

    public ArrayNode definitions() {
        ArrayNode tools = json.createArrayNode();
        tools.add(function("web_search", "Search the web. Returns titles, URLs and snippets of the top results.",
                "query", "What to search for"));
        tools.add(function("fetch_page", "Fetch a public web page (http or https) and return its readable text.",
                "url", "The page's full URL"));
        return tools;
    }

    /** Runs one call; a refused or failed call is an Outcome with ok false and the reason. */
    public Outcome execute(String name, String arguments) {
        try {
            JsonNode args = parseArguments(arguments);
            String result = switch (name) {
                case "web_search" -> {
                    if (search == null) throw new ToolException("web search is not configured");
                    yield search.search(required(args, "query"));
                }
                case "fetch_page" -> pages.fetch(required(args, "url"));
                default -> throw new ToolException("there is no tool named " + name);
            };
            if (result.length() > MAX_RESULT_CHARS) {
                result = result.substring(0, MAX_RESULT_CHARS) + "\n[truncated]";
            }
            return new Outcome(true, result);
        } catch (ToolException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private JsonNode parseArguments(String arguments) throws ToolException {
        try {
            JsonNode node = json.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            if (node == null || !node.isObject()) throw new ToolException("the arguments must be a JSON object");
            return node;
        } catch (IOException e) {
            throw new ToolException("the arguments are not valid JSON");
        }
    }

    private static String required(JsonNode args, String field) throws ToolException {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ToolException("the argument '" + field + "' is missing");
        }
        return value.asText();
    }

    private ObjectNode function(String name, String description, String param, String paramDescription) {
        ObjectNode tool = json.createObjectNode().put("type", "function");
        ObjectNode fn = tool.putObject("function").put("name", name).put("description", description);
        ObjectNode parameters = fn.putObject("parameters").put("type", "object");
        parameters.putObject("properties").putObject(param).put("type", "string").put("description", paramDescription);
        parameters.putArray("required").add(param);
        return tool;
    }
}
