package io.airs.aws.breaker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** A DynamoDB client that lets another writer in just before a put, to provoke conditional-write conflicts. */
final class RacingDynamo {

    private final DynamoDbClient real;
    private final Runnable race;
    private boolean every;
    private boolean done;

    RacingDynamo(DynamoDbClient real, Runnable race) {
        this.real = real;
        this.race = race;
    }

    RacingDynamo everyTime() {
        every = true;
        return this;
    }

    DynamoDbClient proxy() {
        return (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (p, m, args) -> {
                    if (m.getName().equals("putItem") && args != null && args[0] instanceof PutItemRequest) {
                        if (every || !done) {
                            done = true;
                            race.run();
                        }
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
