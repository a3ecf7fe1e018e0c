package io.airs.azure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator the Azure tests run on answers the SDK as Storage does: queues, and ETag-guarded tables. */
class AzuriteTest {

    static Azurite storage;

    @BeforeAll
    static void up() {
        storage = Azurite.start();
    }

    @AfterAll
    static void down() {
        storage.close();
    }

    @Test
    void queueRoundTrip() {
        QueueClient q = new QueueServiceClientBuilder()
                .connectionString(storage.connectionString())
                .buildClient()
                .getQueueClient("smoke");
        q.createIfNotExists();
        q.sendMessage("hello");
        QueueMessageItem m = q.receiveMessage();
        assertThat(m.getBody().toString()).isEqualTo("hello");
        q.deleteMessage(m.getMessageId(), m.getPopReceipt());
        assertThat(q.receiveMessage()).isNull();
    }

    @Test
    void tableUpdateIsGuardedByTheEtag() {
        TableClient t = new TableServiceClientBuilder()
                .connectionString(storage.connectionString())
                .buildClient()
                .createTableIfNotExists("smoke");
        t.createEntity(new TableEntity("p", "r").addProperty("v", 1));
        TableEntity read = t.getEntity("p", "r");
        TableEntity other = t.getEntity("p", "r");
        Response<Void> ok =
                t.updateEntityWithResponse(read.addProperty("v", 2), TableEntityUpdateMode.REPLACE, true, null, null);
        assertThat(ok.getStatusCode()).isEqualTo(204);
        assertThatThrownBy(() -> t.updateEntityWithResponse(
                        other.addProperty("v", 3), TableEntityUpdateMode.REPLACE, true, null, null))
                .isInstanceOf(TableServiceException.class)
                .satisfies(e -> assertThat(
                                ((TableServiceException) e).getResponse().getStatusCode())
                        .isEqualTo(412));
        assertThat(t.getEntity("p", "r").getProperty("v")).isEqualTo(2);
    }
}
