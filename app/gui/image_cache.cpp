#include "image_cache.h"

#include <GL/gl.h>
#include <stb_image.h>

#include <cstdio>

namespace linli::gui {

ImageCache::ImageCache(WakeFn wake) : wake_(std::move(wake)) {}

ImageCache::~ImageCache() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    wakeup_.notify_all();
    if (worker_.joinable()) worker_.join();
    for (auto& [key, tex] : textures_)
        if (tex.id) glDeleteTextures(1, &tex.id);
}

void ImageCache::set_wake(WakeFn wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

std::string ImageCache::key_of(const Document& doc, const std::string& link) {
    return doc.root.string() + '\n' + doc.path.string() + '\n' + link;
}

const Texture& ImageCache::get(const Document& doc, const std::string& link) {
    std::string key = key_of(doc, link);
    auto [it, inserted] = textures_.try_emplace(key);
    if (inserted) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back({std::move(key), doc.path, doc.root, link});
            if (!worker_.joinable()) worker_ = std::thread([this] { run(); });
        }
        wakeup_.notify_one();
    }
    return it->second;
}

void ImageCache::retry_refused(const Document& doc) {
    const std::string prefix = doc.root.string() + '\n' + doc.path.string() + '\n';
    bool erased = false;
    for (auto it = textures_.lower_bound(prefix); it != textures_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
        if (it->second.state == Texture::State::Refused) {
            it = textures_.erase(it);
            erased = true;
        } else {
            ++it;
        }
    }
    if (erased) ++generation_;
}

void ImageCache::update() {
    std::vector<Done> done;
    {
        std::lock_guard lock(mutex_);
        done.swap(done_);
    }
    if (done.empty()) return;
    if (max_texture_size_ == 0) glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture_size_);
    for (Done& d : done) {
        auto it = textures_.find(d.key);
        if (it == textures_.end() || it->second.state != Texture::State::Pending) continue;
        Texture& t = it->second;
        if (d.problem == ImageProblem::None && (d.width > max_texture_size_ || d.height > max_texture_size_))
            d.problem = ImageProblem::TooManyPixels;  // more than this GPU holds
        if (d.problem != ImageProblem::None) {
            t.state = Texture::State::Refused;
            t.problem = d.problem;
            continue;
        }
        glGenTextures(1, &t.id);
        glBindTexture(GL_TEXTURE_2D, t.id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, d.width, d.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, d.pixels.get());
        t.width = d.width;
        t.height = d.height;
        t.state = Texture::State::Ready;
    }
    ++generation_;
}

// Worker thread: the same check lint runs, at the Data depth, then the decode of the very file
// checked. Nothing here touches GL or the map of textures.
ImageCache::Done ImageCache::decode(const Job& job) {
    Done d;
    d.key = job.key;
    OpenedImage img = open_image(job.document, job.root, job.link, ImageCheckDepth::Data);
    if (!img.check.ok()) {
        d.problem = img.check.problem;
        return d;
    }
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load_from_file(img.file.get(), &w, &h, &channels, 4);
    if (!pixels) {
        d.problem = ImageProblem::Damaged;
        return d;
    }
    d.pixels = {pixels, stbi_image_free};
    if (w != img.check.width || h != img.check.height) {  // the header said otherwise
        d.pixels.reset();
        d.problem = ImageProblem::Damaged;
        return d;
    }
    d.width = w;
    d.height = h;
    return d;
}

void ImageCache::run() {
    for (;;) {
        try {
            Job job;
            {
                std::unique_lock lock(mutex_);
                wakeup_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
                if (stop_) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            Done d;
            try {
                d = decode(job);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "linli: 图片无法载入 (image could not be loaded): %s: %s\n", job.link.c_str(), e.what());
                d = Done{};
                d.key = job.key;
                d.problem = ImageProblem::Unreadable;
            } catch (...) {
                d = Done{};
                d.key = job.key;
                d.problem = ImageProblem::Unreadable;
            }
            WakeFn wake;
            {
                std::lock_guard lock(mutex_);
                if (stop_) return;
                done_.push_back(std::move(d));
                wake = wake_;
            }
            if (wake) wake();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "linli: 图片线程出错 (image worker failed): %s\n", e.what());
        } catch (...) {
            std::fprintf(stderr, "linli: 图片线程出错 (image worker failed)\n");
        }
    }
}

}  // namespace linli::gui
