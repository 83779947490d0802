package groupchat.search;

import groupchat.auth.User;
import groupchat.messages.Message;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.messages.MessageAssembler;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Message search: whole words or word prefixes, ignoring case and accents, in the caller's rooms. */
public final class SearchService {
    private static final int MAX_QUERY = 500;
    private static final int MAX_WORDS = 16;
    /** What FTS5's unicode61 tokenizer keeps together in a word: letters, digits, marks. */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

    public record Result(Message message, String snippet) {}

    private final Database db;
    private final SearchIndex index;
    private final MessageAssembler assembler;

    public SearchService(Database db, SearchIndex index, ObjectMapper json, String aiName) {
        this.db = db;
        this.index = index;
        this.assembler = new MessageAssembler(json, aiName);
    }

    public List<Result> search(User me, String q, String roomId, Integer limit) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) throw ApiError.badRequest("Parameter 'q' is required");
        Texts.checkLength("q", text, 1, MAX_QUERY);
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) throw ApiError.badRequest("Parameter 'limit' must be 1-100");
        List<String> words = words(text);
        if (words.isEmpty()) return List.of();
        index.catchUp();
        SearchDao.Match match = SearchDao.Match.of(db.dialect());
        String query = match.query(words);
        List<SearchDao.Hit> hits = db.read(h -> {
            SearchDao search = h.attach(SearchDao.class);
            if (roomId == null) return search.everywhere(match.sql, query, me.id(), size);
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            return search.inRoom(match.sql, query, me.id(), roomId, size);
        });
        return hits.stream().map(hit -> new Result(assembler.toMessage(hit.row()), hit.snippet())).toList();
    }

    /** The words of {@code q}, at most {@value #MAX_WORDS}; nothing else the user types reaches the query. */
    static List<String> words(String q) {
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(q)) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) words.add(word);
        }
        return words;
    }
}
