// Local dev MongoDB-wire-compatible server for erp-etl's landing zone: mongo-java-server (a library,
// deploy/mongo/pom.xml) over an H2 MVStore file. Compiled and started by scripts/infra/mongo.sh; the
// classpath is .cache/mongo/libs. See docs/decisions/0021-mongodb-landing-zone.md.
//
//   java -cp '.cache/mongo/classes:.cache/mongo/libs/*' MongoServerMain <host> <port> <store-file>
//
// - Durability: every command that changed something is committed to the store file and synced before
//   its reply leaves, so an acknowledged write survives a crash of this process or of the machine. The
//   price: each commit writes a new chunk (~35 KB for one small document) and H2 reuses dead chunks only
//   after its 45 s retention time, so the file grows under a burst of single writes; a clean stop compacts it.
// - Reports MongoDB 5.0 with wire version 8, the newest version mongo-java-server offers: the version
//   string is the library's, the wire version is what it implements. Node drivers that need a newer wire
//   version refuse it (decision 0021).
// - SIGTERM/SIGINT: stops listening, closes the clients and closes the store cleanly.

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

public final class MongoServerMain {

  /** H2Backend that makes each change durable before the command's reply is sent. */
  static final class DurableH2Backend extends H2Backend {
    private final MVStore store;

    DurableH2Backend(MVStore store) {
      super(store);
      this.store = store;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
      try {
        return super.handleCommand(channel, database, command, query);
      } finally {
        if (store.hasUnsavedChanges()) {
          store.commit();
          store.sync();
        }
      }
    }

    // A clean stop compacts the file (for up to COMPACT_ON_CLOSE_MS) and shrinks it to what is live.
    @Override
    public void close() {
      System.err.printf("MongoServerMain: closing the store (compacting for up to %d ms)%n", COMPACT_ON_CLOSE_MS);
      store.close(COMPACT_ON_CLOSE_MS);
    }
  }

  private static final int COMPACT_ON_CLOSE_MS = 5_000;

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: MongoServerMain <host> <port> <store-file>");
      System.exit(2);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    Path file = Path.of(args[2]).toAbsolutePath();
    Files.createDirectories(file.getParent());

    // Opening takes the file's lock: a second server on the same store fails here.
    MVStore store = new MVStore.Builder().fileName(file.toString()).open();
    DurableH2Backend backend = new DurableH2Backend(store);
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);

    Runtime.getRuntime()
        .addShutdownHook(new Thread(server::shutdownNow, "mongo-server-shutdown"));
    server.bind(host, port);
    System.err.printf(
        "MongoServerMain: listening on %s:%d, store %s, reporting MongoDB %s (wire version %d)%n",
        host, port, file, ServerVersion.MONGO_5_0.toVersionString(), ServerVersion.MONGO_5_0.getWireVersion());
  }
}
