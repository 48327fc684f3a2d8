package org.colloquy.user.rest;

import java.util.List;
import org.colloquy.domain.Patch;
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

    public record UpdateUserRequest(UpdateUser user) {
    }

    /**
     * RealWorld tells an absent field (stays as it is) from an explicit {@code null} ({@code "bio": null} clears the
     * bio): a {@code null} reads as {@code ""}, so it meets the same rules as an empty text: bio and image are
     * cleared, e-mail, username and password "can't be blank".
     */
    public record UpdateUser(@Schema(implementation = String.class) Patch<String> email,
            @Schema(implementation = String.class) Patch<String> password,
            @Schema(implementation = String.class) Patch<String> username,
            @Schema(implementation = String.class) Patch<String> bio,
            @Schema(implementation = String.class) Patch<String> image) {

        /** Null for an omitted field (it stays), {@code ""} for a null one. */
        public static String text(Patch<String> field) {
            Patch<String> patch = Patch.of(field);
            return patch.isCleared() ? "" : patch.value();
        }
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
