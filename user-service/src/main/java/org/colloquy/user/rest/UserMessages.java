package org.colloquy.user.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.colloquy.api.ApiException;
import org.colloquy.user.domain.User;
import org.colloquy.user.service.ProfileService.ProfileView;
import org.colloquy.user.service.UserView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the user endpoints, in the RealWorld shapes ({@code {"user":{...}}}). */
public final class UserMessages {

    public record NewUserRequest(NewUser user) {
    }

    public record NewUser(String username, String email, String password) {
    }

    public record LoginRequest(Login user) {
    }

    public record Login(String email, String password) {
    }

    /**
     * RealWorld tells an absent field (stays as it is) from an explicit {@code null} ({@code "bio": null} clears the
     * bio), which a record of strings cannot: the fields are read from the JSON tree, and a {@code null} reads as
     * {@code ""}, so it meets the same rules as an empty text: bio and image are cleared, e-mail, username and
     * password "can't be blank".
     */
    public record UpdateUserRequest(@Schema(implementation = UpdateUser.class) JsonNode user) {

        /** Typed as any JSON (not an object node) so that the body readers registered for trees apply to it. */
        public boolean isMissing() {
            return user == null || user.isNull();
        }

        public String field(String name) {
            if (!user.isObject()) {
                throw ApiException.invalid("user", "must be an object");
            }
            JsonNode value = user.get(name);
            if (value == null) {
                return null;
            }
            if (value.isNull()) {
                return "";
            }
            if (!value.isTextual()) {
                throw ApiException.invalid(name, "must be a string");
            }
            return value.textValue();
        }
    }

    /** The shape of {@link UpdateUserRequest#user()}, for the API description. */
    public record UpdateUser(String email, String password, String username, String bio, String image) {
    }

    public record UserResponse(UserBody user) {
        public static UserResponse from(UserView view) {
            User user = view.user();
            return new UserResponse(new UserBody(user.email, view.token(), user.username, user.bio, user.image));
        }
    }

    public record UserBody(String email, String token, String username, String bio, String image) {
    }

    public record ProfileResponse(ProfileBody profile) {
        public static ProfileResponse from(ProfileView view) {
            return new ProfileResponse(new ProfileBody(view.user().username, view.user().bio, view.user().image,
                    view.following()));
        }
    }

    public record ProfileBody(String username, String bio, String image, boolean following) {
    }

    public record RolesRequest(List<String> roles) {
    }

    public record RolesResponse(RolesBody user) {
        public static RolesResponse from(User user) {
            return new RolesResponse(new RolesBody(user.username, List.copyOf(user.roleSet())));
        }
    }

    public record RolesBody(String username, List<String> roles) {
    }

    private UserMessages() {
    }
}
