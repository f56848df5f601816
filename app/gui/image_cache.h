// Textures for the images documents show. The UI thread never reads an image file: get() queues
// the image for one worker thread, which checks it with the content library's resolver
// (check_image: inside the library folder, at most 20 MB and 8192×8192, PNG/JPEG/GIF/BMP, data no
// larger than its header says) and decodes it, one image at a time. update() (UI thread, from
// MarkdownView::draw) uploads finished pixels with glTexImage2D and bumps generation(), so the
// views that show an image lay out again when its size becomes known.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "content/document.h"
#include "content/image_ref.h"

namespace linli::gui {

struct Texture {
    enum class State { Pending, Ready, Refused };
    State state = State::Pending;
    unsigned id = 0;  // the GL texture when Ready
    int width = 0, height = 0;
    ImageProblem problem = ImageProblem::None;  // why, when Refused
};

class ImageCache {
public:
    using WakeFn = std::function<void()>;
    // `wake` runs on the worker thread after each image is checked and decoded (in the window:
    // glfwPostEmptyEvent, so the loop uploads it without waiting for input).
    explicit ImageCache(WakeFn wake = {});
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;
    void set_wake(WakeFn wake);

    // The image `link` written in `doc`. Pending until the worker has been through it; never blocks.
    const Texture& get(const Document& doc, const std::string& link);
    // Uploads what the worker finished. UI thread, with the GL context current.
    void update();
    // Bumps whenever an image becomes Ready or Refused.
    uint64_t generation() const { return generation_; }
    // Checks `doc`'s refused images again on their next get() (a view of it is being made afresh,
    // e.g. after the library reloaded: the file may have been fixed).
    void retry_refused(const Document& doc);

private:
    struct Job {
        std::string key;
        std::filesystem::path document, root;
        std::string link;
    };
    struct Done {
        std::string key;
        ImageProblem problem = ImageProblem::None;
        int width = 0, height = 0;
        std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, nullptr};
    };
    static std::string key_of(const Document& doc, const std::string& link);
    void run();
    Done decode(const Job& job);

    std::map<std::string, Texture> textures_;  // UI thread only
    uint64_t generation_ = 0;
    int max_texture_size_ = 0;

    std::mutex mutex_;  // guards the members below
    std::condition_variable wakeup_;
    std::deque<Job> jobs_;
    std::vector<Done> done_;
    WakeFn wake_;
    bool stop_ = false;
    std::thread worker_;  // started by the first get()
};

}  // namespace linli::gui
