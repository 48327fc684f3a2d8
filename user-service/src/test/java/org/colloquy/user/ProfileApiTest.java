package org.colloquy.user;

import static org.colloquy.user.Users.as;
import static org.colloquy.user.Users.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Profiles and following. */
@QuarkusTest
@UserServiceTest
class ProfileApiTest {

    @Test
    void profileIsPublicAndCaseInsensitive() {
        Users.Registered author = Users.register("Author");

        json().get("/api/profiles/{username}", author.username().toLowerCase())
                .then().statusCode(200)
                .body("profile.username", equalTo(author.username()))
                .body("profile.bio", nullValue())
                .body("profile.image", nullValue())
                .body("profile.following", equalTo(false));
    }

    @Test
    void unknownProfileIs404() {
        json().get("/api/profiles/{username}", Users.unique("ghost"))
                .then().statusCode(404).body("errors.profile", contains("not found"));
    }

    @Test
    void followAndUnfollowAreIdempotentAndShowInTheProfile() {
        Users.Registered reader = Users.register("reader");
        Users.Registered author = Users.register("writer");

        as(reader).post("/api/profiles/{username}/follow", author.username())
                .then().statusCode(200).body("profile.following", equalTo(true));
        as(reader).post("/api/profiles/{username}/follow", author.username())
                .then().statusCode(200).body("profile.following", equalTo(true));
        as(reader).get("/api/profiles/{username}", author.username())
                .then().statusCode(200).body("profile.following", equalTo(true));
        json().get("/api/profiles/{username}", author.username())
                .then().statusCode(200).body("profile.following", equalTo(false));

        as(reader).delete("/api/profiles/{username}/follow", author.username())
                .then().statusCode(200).body("profile.following", equalTo(false));
        as(reader).delete("/api/profiles/{username}/follow", author.username())
                .then().statusCode(200).body("profile.following", equalTo(false));
        as(reader).get("/api/profiles/{username}", author.username())
                .then().statusCode(200).body("profile.following", equalTo(false));
    }

    @Test
    void followingNeedsATokenAnExistingUserAndSomeoneElse() {
        Users.Registered user = Users.register("alone");

        json().post("/api/profiles/{username}/follow", user.username())
                .then().statusCode(401).body("errors.token", contains("is missing"));
        as(user).post("/api/profiles/{username}/follow", Users.unique("ghost"))
                .then().statusCode(404).body("errors.profile", contains("not found"));
        as(user).post("/api/profiles/{username}/follow", user.username())
                .then().statusCode(422).body("errors.username", contains("cannot follow yourself"));
    }
}
